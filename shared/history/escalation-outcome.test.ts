import { describe, expect, it } from 'vitest';
import type { ConsultOutcome, EndedCall, PastConsult } from '../call/call';
import { consultOutcome, handedOver, receivedEscalationOutcome, sentEscalationOutcomes } from './escalation-outcome';

const T = 1_700_000_000_000;
const senior = { kind: 'queue', queue: 'senior' } as const;
const leg = (outcome: ConsultOutcome, extra: Partial<PastConsult> = {}): PastConsult => ({
  target: senior,
  dialedAt: T,
  endedAt: T + 10_000,
  outcome,
  ...extra,
});
const ended = (over: Partial<EndedCall> = {}): EndedCall =>
  ({
    callId: 'c1',
    direction: 'inbound',
    remote: { uri: 'sip:customer@lab' },
    startedAt: T - 60_000,
    holds: [],
    consults: [],
    phase: 'ended',
    answeredAt: T - 55_000,
    endedAt: T + 20_000,
    endReason: { kind: 'remote-hangup' },
    ...over,
  }) as EndedCall;

describe('what became of an escalation the agent sent', () => {
  it.each([
    ['the senior took the customer', leg({ kind: 'transferred' }), { kind: 'transferred' }],
    [
      'the agent merged and then left the two talking',
      leg({ kind: 'call-ended' }, { answeredAt: T + 1, mergedAt: T + 2 }),
      { kind: 'three-way' },
    ],
    ['the agent cancelled the consult', leg({ kind: 'cancelled' }), { kind: 'cancelled' }],
    ['the senior hung up the consult', leg({ kind: 'consult-party-hung-up' }, { answeredAt: T + 1 }), { kind: 'cancelled' }],
    [
      'the senior declined with a reason',
      leg({ kind: 'failed', reason: 'declined', sipStatus: 603, declineReason: 'not-my-expertise' }),
      { kind: 'declined', reason: 'not-my-expertise', sipStatus: 603 },
    ],
    [
      'the senior declined without one',
      leg({ kind: 'failed', reason: 'declined', sipStatus: 603 }),
      { kind: 'declined', sipStatus: 603 },
    ],
    [
      'everyone was busy',
      leg({ kind: 'failed', reason: 'busy', sipStatus: 486 }),
      { kind: 'failed', reason: 'busy', sipStatus: 486 },
    ],
    ['nobody answered', leg({ kind: 'failed', reason: 'no-answer' }), { kind: 'failed', reason: 'no-answer' }],
  ] as const)('%s', (_story, consult, outcome) => {
    expect(consultOutcome(consult)).toEqual(outcome);
    expect(sentEscalationOutcomes(ended({ consults: [consult] }), ['consult'])).toEqual([outcome]);
  });

  it('a consult that fails and a blind transfer after it: failed, then blind', () => {
    const call = ended({
      consults: [leg({ kind: 'failed', reason: 'busy', sipStatus: 486 })],
      endReason: { kind: 'transfer-completed', mode: 'blind', target: senior },
    });
    expect(sentEscalationOutcomes(call, ['consult', 'blind'])).toEqual([
      { kind: 'failed', reason: 'busy', sipStatus: 486 },
      { kind: 'blind' },
    ]);
  });

  it('a blind transfer that did not end the call failed', () => {
    expect(sentEscalationOutcomes(ended(), ['blind'])).toEqual([{ kind: 'failed', reason: 'error' }]);
  });

  it('a consult the phone never started failed', () => {
    expect(sentEscalationOutcomes(ended(), ['consult'])).toEqual([{ kind: 'failed', reason: 'error' }]);
  });

  it('counts as escalated (handed over) only when the customer reached the other party', () => {
    expect(handedOver({ kind: 'transferred' })).toBe(true);
    expect(handedOver({ kind: 'three-way' })).toBe(true);
    expect(handedOver({ kind: 'blind' })).toBe(true);
    expect(handedOver({ kind: 'cancelled' })).toBe(false);
    expect(handedOver({ kind: 'declined' })).toBe(false);
    expect(handedOver({ kind: 'failed', reason: 'busy' })).toBe(false);
  });
});

describe('what the colleague who received it records', () => {
  it('transferred when the customer replaced the consult call', () => {
    expect(receivedEscalationOutcome(ended(), { tookOver: true, blind: false })).toEqual({ kind: 'transferred' });
  });
  it('declined when they declined, with the status they sent', () => {
    expect(
      receivedEscalationOutcome(ended({ endReason: { kind: 'rejected', sipStatus: 603 } }), { tookOver: false, blind: false }),
    ).toEqual({
      kind: 'declined',
      sipStatus: 603,
    });
  });
  it('failed (no answer) when it rang out', () => {
    expect(receivedEscalationOutcome(ended({ endReason: { kind: 'missed' } }), { tookOver: false, blind: false })).toEqual({
      kind: 'failed',
      reason: 'no-answer',
    });
  });
  it('blind when the customer called with it, cancelled when a consult simply ended', () => {
    expect(receivedEscalationOutcome(ended(), { tookOver: false, blind: true })).toEqual({ kind: 'blind' });
    expect(receivedEscalationOutcome(ended(), { tookOver: false, blind: false })).toEqual({ kind: 'cancelled' });
  });
});
