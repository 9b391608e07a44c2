import { BREAK_REASONS } from '../agent/agent-state';
import type { HostEvent } from './events';

/** Commands the OS side (tray, global shortcuts, notification buttons) asks the renderer's phone to carry out. */
export const HOST_COMMANDS = [
  'answer',
  'decline',
  'hangup',
  'mute',
  'hold',
  'escalate',
  'go-available',
  'go-break',
  'go-offline',
] as const;
export type HostCommandName = (typeof HOST_COMMANDS)[number];

/** The longest dial target a `dial-link` event carries (a SIP URI; phone numbers are far shorter). */
export const MAX_DIAL_TARGET = 256;

/**
 * The page's check of a host event, written out by hand: the same rules as `hostEventSchema`
 * (events.ts; event-guard.test.ts holds the two to the same answers), without building a zod
 * schema in the renderer at start (issue 19). The host validates with the schema where it sends.
 */
export function readHostEvent(value: unknown): HostEvent | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  if (record.type === 'dial-link') {
    const { target } = record;
    return only('type', 'target') && isDialTarget(target) ? { type: 'dial-link', target } : undefined;
  }
  if (record.type !== 'command' || !isCommand(record.command)) return undefined;
  const { command } = record;
  switch (command) {
    case 'answer':
    case 'decline': {
      const { callId } = record;
      if (!only('type', 'command', 'callId') || !(callId === undefined || isIdentifier(callId))) return undefined;
      return callId === undefined ? { type: 'command', command } : { type: 'command', command, callId };
    }
    case 'go-break': {
      const { reason } = record;
      return only('type', 'command', 'reason') && isOneOf(BREAK_REASONS, reason)
        ? { type: 'command', command, reason }
        : undefined;
    }
    case 'hangup':
    case 'mute':
    case 'hold':
    case 'escalate':
    case 'go-available':
    case 'go-offline':
      return only('type', 'command') ? { type: 'command', command } : undefined;
    default:
      return undefined;
  }
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

const isCommand = (value: unknown): value is HostCommandName => isOneOf(HOST_COMMANDS, value);

/** As `hostEventSchema`'s dial-link target: 1–MAX_DIAL_TARGET characters, no space, control character, <, > or ". */
const isDialTarget = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length >= 1 &&
  value.length <= MAX_DIAL_TARGET &&
  /^[^\s\u0000-\u001f\u007f<>"]+$/.test(value);

/** As `identifier` (host-api/text.ts): ids we generated ourselves. */
const isIdentifier = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 128 && /^[\w.@:+~-]+$/.test(value);
