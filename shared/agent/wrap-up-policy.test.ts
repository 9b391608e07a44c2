import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapUpCallOfRecord, wrapUpSecondsFor, type WrapUpPolicy } from './wrap-up-policy';

const policy: WrapUpPolicy = {
  wrapUpSeconds: 30,
  escalatedWrapUpSeconds: 90,
  queueWrapUps: [
    { queue: 'Billing', seconds: 45 },
    { queue: 'complaints', seconds: 0 },
    { queue: 'sales', seconds: 120 },
  ],
};

describe('how long a wrap-up lasts', () => {
  it('a call from a queue with its own time gets that time; other calls the default', () => {
    expect(wrapUpSecondsFor({ queue: 'billing', escalated: false }, policy)).toBe(45);
    expect(wrapUpSecondsFor({ queue: 'support', escalated: false }, policy)).toBe(30);
    expect(wrapUpSecondsFor({ escalated: false }, policy)).toBe(30);
  });

  it('an escalated call gets at least the escalation time, and never less than its queue gives', () => {
    expect(wrapUpSecondsFor({ queue: 'billing', escalated: true }, policy)).toBe(90);
    expect(wrapUpSecondsFor({ queue: 'sales', escalated: true }, policy)).toBe(120);
    expect(wrapUpSecondsFor({ escalated: true }, policy)).toBe(90);
  });

  it('a wrap-up restored after a reload gets the time its call had: the stored queue and escalation', () => {
    // The phone forgot the call (the page reloaded): only the stored record says what it was.
    expect(wrapUpSecondsFor(wrapUpCallOfRecord({ queue: '', escalationId: 'e1' }), policy)).toBe(90);
    expect(wrapUpSecondsFor(wrapUpCallOfRecord({ queue: 'Sales' }), policy)).toBe(120);
    expect(wrapUpSecondsFor(wrapUpCallOfRecord({ queue: '' }), policy)).toBe(30);
  });

  it('"until ready" (0) is the longest wrap-up, whichever side it comes from', () => {
    expect(wrapUpSecondsFor({ queue: 'complaints', escalated: true }, policy)).toBe(0);
    expect(wrapUpSecondsFor({ escalated: true }, { ...policy, escalatedWrapUpSeconds: 0 })).toBe(0);
    expect(wrapUpSecondsFor({ escalated: false }, { ...policy, escalatedWrapUpSeconds: 0 })).toBe(30);
  });

  it('escalating never shortens a wrap-up', () => {
    const seconds = fc.integer({ min: 0, max: 600 });
    fc.assert(
      fc.property(
        seconds,
        seconds,
        fc.option(fc.constantFrom('billing', 'sales', 'other'), { nil: undefined }),
        (a, b, queue) => {
          const p = { ...policy, wrapUpSeconds: a, escalatedWrapUpSeconds: b };
          const plain = wrapUpSecondsFor({ ...(queue ? { queue } : {}), escalated: false }, p);
          const escalated = wrapUpSecondsFor({ ...(queue ? { queue } : {}), escalated: true }, p);
          expect(escalated === 0 || (plain !== 0 && escalated >= plain)).toBe(true);
        },
      ),
    );
  });
});
