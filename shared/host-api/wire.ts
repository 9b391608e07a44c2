import type { Result } from '../result';
import { readHostEvent } from './event-guard';
import type { HostEvent } from './events';

/** Browser mode's wire format: one JSON object per WebSocket message, answered by `id`. */
export interface HostRequest {
  readonly id: number;
  readonly method: string;
  readonly args: unknown;
}

export interface HostResponse {
  readonly id: number;
  readonly result: Result<unknown>;
}

export function parseHostRequest(text: string): HostRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, method, args } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof method !== 'string' || method.length > 64) return undefined;
  return { id, method, args };
}

/** Host → page push on the same socket: it has `event` and no `id`, so it cannot be mistaken for a response. */
export interface HostPush {
  readonly event: HostEvent;
}

export type HostMessage =
  | { readonly kind: 'response'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'event'; readonly event: HostEvent };

/** The page's side: tells a response from a push, validating the push's event; anything else is `undefined`. */
export function parseHostMessage(text: string): HostMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if ('event' in record && !('id' in record)) {
    const event = readHostEvent(record.event);
    return event ? { kind: 'event', event } : undefined;
  }
  const { id, result } = record;
  if (typeof id !== 'number' || typeof result !== 'object' || result === null) return undefined;
  return { kind: 'response', id, result: result as Result<unknown> };
}

/** Browser mode's HostApi socket path on the web host. */
export const HOST_SOCKET_PATH = '/host';
/** The name of the web host's per-start key: in the address's fragment, and in the socket's query. */
export const HOST_TOKEN_PARAM = 'token';

/**
 * The largest WebSocket frame the web host reads at all. Requests between MAX_HOST_REQUEST_BYTES
 * and this are answered with an error by id and the socket stays open; only bigger frames close it.
 */
export const MAX_HOST_FRAME_BYTES = 1024 * 1024;

/** The answer to a request over MAX_HOST_REQUEST_BYTES: refused, not carried out, the socket kept. */
export function tooLargeResponse(id: number, limitBytes: number): HostResponse {
  return {
    id,
    result: {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `This request is larger than ${Math.round(limitBytes / 1024)} KiB and was not carried out.`,
      },
    },
  };
}
