import type { Result } from '../result';
import { parseHostEvent, type HostEvent } from './events';

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
    const event = parseHostEvent(record.event);
    return event ? { kind: 'event', event } : undefined;
  }
  const { id, result } = record;
  if (typeof id !== 'number' || typeof result !== 'object' || result === null) return undefined;
  return { kind: 'response', id, result: result as Result<unknown> };
}
