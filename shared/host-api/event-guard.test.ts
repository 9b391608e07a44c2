import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { QueueSeconds } from '../settings-rules';
import type { Settings } from '../settings';
import { BREAK_REASONS } from '../agent/agent-state';
import { HOST_COMMANDS, readHostEvent } from './event-guard';
import { hostEventSchema } from './events';

const viaSchema = (value: unknown) => {
  const parsed = hostEventSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

const text = fc.oneof(
  fc.constantFrom('c-1', 'abc@host', '+12015550123', 'sip:alice@example.com', '123\r\nVia: x', 'a b', '<x>', '', 'ü'),
  fc.constantFrom('x'.repeat(128), 'x'.repeat(129), 'x'.repeat(256), 'x'.repeat(257)),
  fc.string({ maxLength: 8 }),
);
const other = fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean());
// Each key with the values that matter for it (and some that do not), any of them absent: most
// cases are near a valid event, where a wrong check would show.
const candidate = fc.oneof(
  fc.record(
    {
      type: fc.oneof(fc.constantFrom('dial-link', 'command', 'navigate'), other),
      command: fc.oneof(fc.constantFrom(...HOST_COMMANDS, 'format-disk'), other),
      callId: fc.oneof(text, other),
      reason: fc.oneof(fc.constantFrom(...BREAK_REASONS, 'missed-call'), text),
      target: fc.oneof(text, other),
      extra: other,
    },
    { requiredKeys: [] },
  ),
  text,
  other,
  fc.array(text, { maxLength: 2 }),
);

describe("the page's hand-written host event check", () => {
  it('answers as the host event schema does, event by event', () => {
    const examples: unknown[] = [
      { type: 'dial-link', target: '+12015550123' },
      { type: 'command', command: 'answer', callId: 'c-1' },
      { type: 'command', command: 'decline' },
      { type: 'command', command: 'go-break', reason: 'lunch' },
      { type: 'command', command: 'go-break', reason: 'missed-call' },
      { type: 'command', command: 'hangup', extra: 1 },
      { type: 'command', command: 'hangup', callId: 'c-1' },
      { type: 'dial-link', target: '123\r\nVia: x' },
      { type: 'dial-link', target: 'x'.repeat(257) },
      { type: 'command', command: 'answer', callId: 'a b' },
      { type: 'command', command: 'answer', callId: 'x'.repeat(128) },
      { type: 'command', command: 'decline', callId: 'x'.repeat(129) },
      { type: 'command', command: 'decline', callId: '' },
      { type: 'dial-link', target: 'x'.repeat(256) },
      [{ type: 'command', command: 'hangup' }],
      null,
      'dial-link',
    ];
    for (const value of examples) expect(readHostEvent(value), JSON.stringify(value)).toEqual(viaSchema(value));
  });

  it('agrees with the schema on generated events (a fixed seed: the same cases every run)', () => {
    fc.assert(
      fc.property(candidate, (value) => {
        expect(readHostEvent(value)).toEqual(viaSchema(value));
      }),
      { seed: 19, numRuns: 3000 },
    );
  });
});

describe('hand-written types beside their schemas', () => {
  it('QueueSeconds is what the settings schema parses a queue override to', () => {
    expectTypeOf<QueueSeconds>().toEqualTypeOf<Readonly<Settings['queueWrapUps'][number]>>();
    expectTypeOf<QueueSeconds>().toEqualTypeOf<Readonly<Settings['queueTargets'][number]>>();
  });
});
