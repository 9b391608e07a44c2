import type { EscalationContext } from './schema';

/**
 * The compact JSON on the wire: every key shortened (the header budget is 4 KB, and a context is
 * mostly keys when the agent wrote little), empty text left out (the schema's defaults restore it).
 * Values are not shortened: enum values read in a packet capture, and cost few bytes.
 */
type KeyMap = { readonly [long: string]: string | readonly [short: string, nested: KeyMap] };

export const WIRE_KEYS = {
  v: 'v',
  id: 'i',
  customer: ['c', { name: 'n', number: 'p', reference: 'r' }],
  fromQueue: 'q',
  target: ['t', { kind: 'k', queue: 'q', agentId: 'a', displayName: 'd', number: 'n' }],
  reason: 'r',
  severity: 's',
  summary: 'u',
  tried: 'y',
  promised: 'o',
  mood: 'm',
  note: 'n',
  agent: ['a', { id: 'i', name: 'n' }],
  time: ['tm', { callStartedAt: 'c', escalatedAt: 'e', waitedSeconds: 'w', heldSeconds: 'h' }],
} as const satisfies KeyMap & { readonly [K in keyof EscalationContext]: unknown };

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function shorten(value: Record<string, unknown>, keys: KeyMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [long, mapping] of Object.entries(keys)) {
    const v = value[long];
    if (v === undefined || v === '') continue;
    if (typeof mapping === 'string') out[mapping] = v;
    else out[mapping[0]] = isRecord(v) ? shorten(v, mapping[1]) : v;
  }
  return out;
}

/** Every short key back to its long name; `undefined` if any key is not ours, so nothing unknown slips past the schema. */
function lengthen(value: Record<string, unknown>, keys: KeyMap): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [short, v] of Object.entries(value)) {
    const entry = Object.entries(keys).find(([, m]) => (typeof m === 'string' ? m : m[0]) === short);
    if (!entry) return undefined;
    const [long, mapping] = entry;
    if (typeof mapping === 'string' || !isRecord(v)) out[long] = v;
    else {
      const nested = lengthen(v, mapping[1]);
      if (!nested) return undefined;
      out[long] = nested;
    }
  }
  return out;
}

export function toWire(context: EscalationContext): Json {
  return shorten(context, WIRE_KEYS) as Json;
}

/** The long-named object the schema then checks, or `undefined` if the JSON is not an object of our keys. */
export function fromWire(json: unknown): Record<string, unknown> | undefined {
  return isRecord(json) ? lengthen(json, WIRE_KEYS) : undefined;
}
