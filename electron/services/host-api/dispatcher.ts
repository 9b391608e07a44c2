import { hostApiContract, HostServiceError, isHostMethod, parseHostArgs, type HostHandlers } from '../../../shared/host-api';
import type { HostMethod } from '../../../shared/host-api';
import type { Result } from '../../../shared/result';

export type Dispatch = (method: string, args: unknown) => Promise<Result<unknown>>;

/**
 * The disk (or the data folder's file system) is full. SQLite rolled the write back, the
 * database is intact, and the page still holds what the agent typed and saves it again, so the
 * agent is told exactly that instead of "something went wrong".
 */
const DISK_FULL = {
  code: 'storage-full',
  message:
    'The disk is full, so Warmline could not save this. Nothing you typed is lost while Warmline stays open: ' +
    'it saves again by itself as soon as there is space. Free some space on this computer.',
} as const;

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

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
      if (isDiskFull(error)) return { ok: false, error: DISK_FULL };
      return { ok: false, error: { code: 'internal', message: 'Something went wrong on this computer; see the log.' } };
    }
  };
}
