import { describe, expect, it } from 'vitest';
import { dana, danaWire } from './escalation.fixtures';
import { escalationContextSchema } from './schema';
import { fromWire, toWire, WIRE_KEYS } from './wire';

type KeyMap = { readonly [long: string]: string | readonly [string, KeyMap] };

function shortKeysAreUnique(keys: KeyMap): boolean {
  const shorts = Object.values(keys).map((m) => (typeof m === 'string' ? m : m[0]));
  return (
    new Set(shorts).size === shorts.length && Object.values(keys).every((m) => typeof m === 'string' || shortKeysAreUnique(m[1]))
  );
}

describe('the compact wire form', () => {
  it('gives every field a short key of its own at each level', () => {
    expect(shortKeysAreUnique(WIRE_KEYS)).toBe(true);
  });

  it('shortens every key and lengthens it back', () => {
    const context = escalationContextSchema.parse(dana);
    expect(toWire(context)).toEqual(danaWire);
    expect(fromWire(toWire(context))).toEqual(context);
  });

  it('drops empty text and absent optional fields', () => {
    const context = escalationContextSchema.parse({ ...dana, note: '', target: { kind: 'agent', agentId: '1002' } });
    const wire = toWire(context) as Record<string, unknown>;
    expect(wire).not.toHaveProperty('n');
    expect(wire.t).toEqual({ k: 'agent', a: '1002' });
  });

  it('refuses an object with any key it does not know, so a long name cannot sneak past', () => {
    expect(fromWire({ ...danaWire, summary: 'x' })).toBeUndefined();
    expect(fromWire({ ...danaWire, a: { ...danaWire.a, role: 'admin' } })).toBeUndefined();
    expect(fromWire([danaWire])).toBeUndefined();
    expect(fromWire('x')).toBeUndefined();
  });
});
