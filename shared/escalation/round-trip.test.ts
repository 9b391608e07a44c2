import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../locales';
import { decodeEscalationContext, encodeEscalationContext, MAX_CONTEXT_HEADER_BYTES } from './codec';
import { dana, nonLatin, onConsult, sealTo, stories, TEAM_KEY } from './escalation.fixtures';
import {
  ESCALATION_LIMITS as L,
  ESCALATION_REASONS,
  escalationContextSchema,
  MOODS,
  SEVERITIES,
  type EscalationContextInput,
} from './schema';
import { multiLine, singleLine } from './text';

/** A sealed value: the format, the IV, the ciphertext with its tag; nothing a SIP parser could split. */
const SIP_SAFE = /^w2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/;

/** Text a schema field accepts: mixed ASCII (where `<` and friends turn up) and any Unicode grapheme. */
function text(max: number, multi = false) {
  const schema = multi ? multiLine(max) : singleLine(max);
  const units = fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ unit: 'grapheme', maxLength: Math.floor(max / 4) }),
    multi ? fc.array(fc.string({ maxLength: 40 }), { maxLength: 8 }).map((lines) => lines.join('\n')) : fc.constant(''),
  );
  return units.filter((s) => schema.safeParse(s).success);
}

const target = fc.oneof(
  fc.record({ kind: fc.constant('queue' as const), queue: fc.constantFrom('senior' as const, 'technical' as const) }),
  fc.record(
    {
      kind: fc.constant('agent' as const),
      agentId: text(L.agentId).filter((s) => s.trim() !== ''),
      displayName: text(L.agentName),
    },
    { requiredKeys: ['kind', 'agentId'] },
  ),
  fc.record({ kind: fc.constant('external' as const), number: fc.stringMatching(/^\+?[0-9*#]{1,32}$/) }),
);

const epoch = fc.integer({ min: 0, max: 4_102_444_800_000 });

const context: fc.Arbitrary<EscalationContextInput> = fc.record({
  v: fc.constant(1 as const),
  id: fc.stringMatching(/^[0-9a-f]{32}$/),
  customer: fc.record({ name: text(L.customerName), number: text(L.customerNumber), reference: text(L.reference) }),
  fromQueue: text(L.queue),
  target,
  reason: fc.constantFrom(...ESCALATION_REASONS),
  severity: fc.constantFrom(...SEVERITIES),
  summary: text(L.summary).filter((s) => s.trim() !== ''),
  tried: text(L.tried, true),
  promised: text(L.promised, true),
  mood: fc.constantFrom(...MOODS),
  note: text(L.note, true),
  agent: fc.record({ id: text(L.agentId).filter((s) => s.trim() !== ''), name: text(L.agentName) }),
  time: fc
    .tuple(epoch, fc.integer({ min: 0, max: 86_400_000 }), fc.nat({ max: L.seconds }), fc.nat({ max: L.seconds }))
    .map(([callStartedAt, after, waitedSeconds, heldSeconds]) => ({
      callStartedAt,
      escalatedAt: callStartedAt + after,
      waitedSeconds,
      heldSeconds,
    })),
});

async function roundTrip(input: EscalationContextInput, key?: string) {
  const r = await encodeEscalationContext(input, key, sealTo);
  if (!r.ok) throw new Error(`encode failed: ${JSON.stringify(r.error)}`);
  return { sent: r.value, got: await decodeEscalationContext(r.value.header, key, { received: onConsult }) };
}

describe('property: any valid context survives the wire', () => {
  it('sealed, it arrives verified and equal to what was sent, in a SIP-safe value within 4 KB', async () => {
    await fc.assert(
      fc.asyncProperty(context, async (input) => {
        const { sent, got } = await roundTrip(input, TEAM_KEY);
        expect(sent.header).toMatch(SIP_SAFE);
        expect(sent.header.length).toBeLessThanOrEqual(MAX_CONTEXT_HEADER_BYTES);
        expect(got).toEqual({ status: 'verified', context: sent.context });
        // Nothing changes but what the agent is told was cut.
        const normalised = escalationContextSchema.parse(input);
        if (sent.shortened.length === 0) expect(sent.context).toEqual(normalised);
        else
          expect({ ...sent.context, tried: '', promised: '', note: '' }).toEqual({
            ...normalised,
            tried: '',
            promised: '',
            note: '',
          });
      }),
      { numRuns: 300 },
    );
  });

  it('unsigned, it arrives the same, marked unverified', async () => {
    await fc.assert(
      fc.asyncProperty(context, async (input) => {
        const { sent, got } = await roundTrip(input);
        expect(got).toEqual({ status: 'unverified', why: 'unsigned', context: sent.context });
      }),
      { numRuns: 100 },
    );
  });

  it('a received context re-sent unchanged is the same context (the encoding is canonical)', async () => {
    await fc.assert(
      fc.asyncProperty(context, async (input) => {
        const { sent, got } = await roundTrip(input, TEAM_KEY);
        if (got.status !== 'verified') throw new Error(got.status);
        const again = await encodeEscalationContext(got.context, TEAM_KEY, sealTo);
        expect(again.ok && again.value.context).toEqual(sent.context);
      }),
      { numRuns: 100 },
    );
  });
});

describe('every UI language, with emoji and non-Latin names, arrives unchanged', () => {
  it.each(LOCALES)('%s', async (locale) => {
    const input = stories[locale];
    const { sent, got } = await roundTrip(input, TEAM_KEY);
    expect(sent.shortened).toEqual([]);
    expect(got).toEqual({ status: 'verified', context: escalationContextSchema.parse(input) });
  });

  it.each(nonLatin)('%s, in every name and text field', async (name) => {
    const input: EscalationContextInput = {
      ...dana,
      customer: { name, number: name, reference: name },
      fromQueue: name,
      target: { kind: 'agent', agentId: name, displayName: name },
      summary: `${name} 🙂`,
      tried: `${name}\n${name}`,
      promised: name,
      note: `${name} — ${name}`,
      agent: { id: name, name },
    };
    const { got } = await roundTrip(input, TEAM_KEY);
    expect(got).toEqual({ status: 'verified', context: escalationContextSchema.parse(input) });
  });
});
