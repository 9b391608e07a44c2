import { hostApiContract, HostServiceError, isHostMethod, parseHostArgs, type HostHandlers } from '../../../shared/host-api';
import type { HostMethod } from '../../../shared/host-api';
import type { Result } from '../../../shared/result';

export type Dispatch = (method: string, args: unknown) => Promise<Result<unknown>>;

/**
 * The one path from a transport (IPC or WebSocket) to the services: unknown methods and invalid
 * payloads are answered with a typed error and never reach a handler; results are checked against
 * the contract too, so a service bug cannot leak a field (say, a password) the contract lacks.
 */
export function createDispatcher(handlers: HostHandlers, logError: (message: string, error: unknown) => void): Dispatch {
  return async (method, rawArgs) => {
    if (!isHostMethod(method)) {
      return { ok: false, error: { code: 'unknown-method', message: 'Unknown method.' } };
    }
    const args = parseHostArgs(method, rawArgs);
    if (!args.ok) return args;
    try {
      const handler = handlers[method] as (...a: unknown[]) => unknown;
      const value = await handler(...(args.value as unknown[]));
      return { ok: true, value: hostApiContract[method as HostMethod].result.parse(value) };
    } catch (error) {
      if (error instanceof HostServiceError) return { ok: false, error: error.hostError };
      logError(`host: ${method} failed`, error);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong on this computer; see the log.' } };
    }
  };
}
