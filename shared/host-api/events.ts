import { z } from 'zod/mini';
import { BREAK_REASONS } from '../agent/agent-state';
import type { HostApi } from './contract';
import { MAX_DIAL_TARGET } from './event-guard';
import { identifier } from './text';

export { HOST_COMMANDS, MAX_DIAL_TARGET, type HostCommandName } from './event-guard';

const commandEventSchema = z.discriminatedUnion('command', [
  z.strictObject({
    type: z.literal('command'),
    command: z.enum(['answer', 'decline']),
    /** From a notification: the call it was about, so a late click cannot answer a later call. */
    callId: z.optional(identifier),
  }),
  z.strictObject({
    type: z.literal('command'),
    command: z.enum(['hangup', 'mute', 'hold', 'escalate', 'go-available', 'go-offline']),
  }),
  z.strictObject({ type: z.literal('command'), command: z.literal('go-break'), reason: z.enum(BREAK_REASONS) }),
]);

/**
 * Host → renderer push events. Every one is validated where it is sent (main) and again where it
 * is received (preload, WebSocket client): an event is never just trusted because of its channel.
 */
export const hostEventSchema = z.union([
  z.strictObject({
    type: z.literal('dial-link'),
    /** Already parsed by `shared/dial-link.ts`: digits (maybe with a leading +, * or #), or a sip:/sips: URI. */
    target: z
      .string()
      .check(z.minLength(1))
      .check(z.maxLength(MAX_DIAL_TARGET))
      .check(z.regex(/^[^\s\u0000-\u001f\u007f<>"]+$/)),
  }),
  commandEventSchema,
]);

export type HostEvent = Readonly<z.output<typeof hostEventSchema>>;
export type HostCommandEvent = Extract<HostEvent, { type: 'command' }>;
export type HostEventListener = (event: HostEvent) => void;
export type Unsubscribe = () => void;

export function parseHostEvent(value: unknown): HostEvent | undefined {
  const parsed = hostEventSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * What the Electron preload exposes as `window.warmline`: the HostApi methods plus `onEvent`,
 * which hands the listener validated payloads only, never the IPC event object.
 */
export type WarmlineBridge = HostApi & {
  readonly onEvent: (listener: HostEventListener) => Unsubscribe;
};
