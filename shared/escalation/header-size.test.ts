import { describe, expect, it } from 'vitest';
import { utf8Length } from './bytes';
import {
  decodeEscalationContext,
  encodeEscalationContext,
  MAX_CONTEXT_HEADER_BYTES,
  MAX_CONTEXT_JSON_BYTES,
  TRUNCATION_MARKER,
  type SealOptions,
} from './codec';
import { dana, onConsult, sealTo, TEAM_KEY } from './escalation.fixtures';
import { ESCALATION_LIMITS as L, type EscalationContext, type EscalationContextInput } from './schema';
import { toWire } from './wire';

async function encode(input: EscalationContextInput, key: string | undefined, options: SealOptions = sealTo) {
  const r = await encodeEscalationContext(input, key, options);
  if (!r.ok) throw new Error(`encode failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
const decode = (header: string) => decodeEscalationContext(header, TEAM_KEY, { received: onConsult });
const jsonBytes = (context: EscalationContext): number => utf8Length(JSON.stringify(toWire(context)));
/** The latest time the schema allows, so both times in the envelope take their most digits. */
const LATEST = 8_640_000_000_000_000 - 15 * 60_000;

/** Long free text in two-byte letters, so the budget runs out before the field limits do. */
const longTexts = { tried: 'ø'.repeat(L.tried), promised: 'å'.repeat(L.promised) };
const FAMILY = '👨‍👩‍👧‍👦';

/** Every field at its limit in three-byte characters: the most a context can weigh. */
const heaviest: EscalationContextInput = {
  ...dana,
  customer: { name: '中'.repeat(L.customerName), number: '中'.repeat(L.customerNumber), reference: '中'.repeat(L.reference) },
  fromQueue: '中'.repeat(L.queue),
  target: { kind: 'agent', agentId: '中'.repeat(L.agentId), displayName: '中'.repeat(L.agentName) },
  summary: '中'.repeat(L.summary),
  tried: '中'.repeat(L.tried),
  promised: '中'.repeat(L.promised),
  note: '中'.repeat(L.note),
  agent: { id: '中'.repeat(L.agentId), name: '中'.repeat(L.agentName) },
};

describe('the 4 KB header limit', () => {
  it('sends a context that fills its room whole, in exactly 4096 bytes at the longest envelope, and cuts the note of one a byte longer', async () => {
    let atLimit: EscalationContextInput | undefined;
    for (let k = 1; k <= L.note && !atLimit; k++) {
      const input = { ...dana, ...longTexts, note: 'a'.repeat(k) };
      const sent = await encode(input, TEAM_KEY);
      if (jsonBytes(sent.context) === MAX_CONTEXT_JSON_BYTES) atLimit = input;
      expect(sent.header.length).toBeLessThanOrEqual(MAX_CONTEXT_HEADER_BYTES);
    }
    if (!atLimit) throw new Error('no note length lands exactly on the limit');
    const whole = await encode(atLimit, TEAM_KEY);
    expect(whole.shortened).toEqual([]);
    expect(await decode(whole.header)).toMatchObject({ status: 'verified', context: { note: atLimit.note } });
    const latest = await encode(atLimit, TEAM_KEY, { binding: sealTo.binding, now: LATEST });
    expect(latest.header.length).toBe(MAX_CONTEXT_HEADER_BYTES);

    const oneMore = await encode({ ...atLimit, note: `${atLimit.note}a` }, TEAM_KEY);
    expect(oneMore.shortened).toEqual(['note']);
    expect(oneMore.header.length).toBeLessThanOrEqual(MAX_CONTEXT_HEADER_BYTES);
    expect(oneMore.context.note.endsWith(` ${TRUNCATION_MARKER}`)).toBe(true);
    expect(oneMore.context.tried).toBe(longTexts.tried);
    expect(await decode(oneMore.header)).toEqual({ status: 'verified', context: oneMore.context });
  });

  it('fits the heaviest possible context by cutting note, then tried, then promised, and nothing else', async () => {
    const sent = await encode(heaviest, TEAM_KEY);
    expect(sent.header.length).toBeLessThanOrEqual(MAX_CONTEXT_HEADER_BYTES);
    expect(sent.shortened).toEqual(['note', 'tried', 'promised']);
    expect(sent.context.note).toBe(TRUNCATION_MARKER);
    expect(sent.context.tried).toBe(TRUNCATION_MARKER);
    expect(sent.context.promised).toMatch(/^中+ \[…\]$/);
    expect(sent.context.summary).toBe(heaviest.summary);
    expect(sent.context.customer.name).toBe(heaviest.customer.name);
    expect(await decode(sent.header)).toEqual({ status: 'verified', context: sent.context });
  });

  it('cuts only as much as it must: the longest prefix that fits, one character more would not', async () => {
    const sent = await encode({ ...dana, ...longTexts, note: 'n'.repeat(L.note) }, TEAM_KEY);
    expect(sent.shortened).toEqual(['note']);
    const kept = sent.context.note.length - ` ${TRUNCATION_MARKER}`.length;
    const longer = await encode({ ...dana, ...longTexts, note: `${'n'.repeat(kept + 1)} ${TRUNCATION_MARKER}` }, TEAM_KEY);
    expect(longer.shortened).toEqual(['note']);
    expect(longer.context.note.length).toBeLessThanOrEqual(sent.context.note.length);
  });

  it('leaves an empty note empty and cuts the next field instead', async () => {
    const sent = await encode({ ...heaviest, note: '' }, TEAM_KEY);
    expect(sent.shortened).toEqual(['tried', 'promised']);
    expect(sent.context.note).toBe('');
  });

  it('never splits an emoji: it cuts between whole graphemes', async () => {
    const sent = await encode({ ...dana, ...longTexts, note: FAMILY.repeat(Math.floor(L.note / FAMILY.length)) }, TEAM_KEY);
    expect(sent.shortened).toEqual(['note']);
    const kept = sent.context.note.slice(0, -` ${TRUNCATION_MARKER}`.length);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.split(FAMILY).join('')).toBe('');
  });

  it('leaves exactly one space before the marker, whatever it cut at', async () => {
    const sent = await encode({ ...dana, ...longTexts, note: 'word '.repeat(L.note / 5) }, TEAM_KEY);
    expect(sent.shortened).toEqual(['note']);
    expect(sent.context.note).toMatch(/\S \[…\]$/);
  });

  it('keeps every cut field within its own limit, so the receiver accepts it', async () => {
    const sent = await encode(
      { ...dana, tried: 'ø'.repeat(L.tried), promised: 'å'.repeat(L.promised), note: 'é'.repeat(L.note) },
      TEAM_KEY,
    );
    expect(sent.context.note.length).toBeLessThanOrEqual(L.note);
    expect(sent.context.tried.length).toBeLessThanOrEqual(L.tried);
    expect((await decode(sent.header)).status).toBe('verified');
  });

  it('keeps the same text sealed or unsealed: sealing never costs the agent text', async () => {
    const input = { ...heaviest };
    const [sealed, unsealed] = [await encode(input, TEAM_KEY), await encode(input, undefined)];
    expect(unsealed.context).toEqual(sealed.context);
    expect(unsealed.shortened).toEqual(sealed.shortened);
  });

  it('sends the heaviest context at the latest time within 4096 bytes, sealed to the longest Call-ID', async () => {
    const sent = await encode(heaviest, TEAM_KEY, { binding: { kind: 'consult', sipCallId: 'x'.repeat(256) }, now: LATEST });
    expect(sent.header.length).toBeLessThanOrEqual(MAX_CONTEXT_HEADER_BYTES);
  });

  it('cuts the same way every time (the IV differs, the context does not)', async () => {
    const [a, b] = [await encode(heaviest, TEAM_KEY), await encode(heaviest, TEAM_KEY)];
    expect(a.context).toEqual(b.context);
    expect(a.header).not.toBe(b.header);
  });
});
