import type { Result } from '../result';

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
