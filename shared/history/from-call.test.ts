import { describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../call/call';
import { ANSWERED, CONSULT_ANSWERED, CONSULT_DIALED, inbound, SENIOR, T } from '../call/call.fixtures';
import { transitionCall } from '../call/call-lifecycle';
import { callDurations, callRecordSchema } from './call-record';
import { callRecordFromEndedCall } from './from-call';

function play(events: readonly CallEvent[]): Call {
  let call: Call = { ...inbound, phase: 'offered' };
  for (const event of events) {
    const next = transitionCall(call, event);
    if (!next.ok) throw new Error(`illegal ${event.type}`);
    call = next.value;
  }
  return call;
}

describe('the record of a call that ended, from the shared call model', () => {
  it('carries holds, a failed consult, and the completed warm transfer', () => {
    const call = play([
      { type: 'answered', at: ANSWERED },
      { type: 'consultDialed', at: CONSULT_DIALED, target: { kind: 'queue', queue: 'technical' } },
      { type: 'consultFailed', at: CONSULT_DIALED + 3_000, reason: 'busy', sipStatus: 486 },
      { type: 'resumed', at: CONSULT_DIALED + 4_000 },
      { type: 'consultDialed', at: CONSULT_DIALED + 10_000, target: SENIOR },
      { type: 'consultAnswered', at: CONSULT_ANSWERED + 10_000 },
      { type: 'attendedTransferRequested', at: CONSULT_ANSWERED + 20_000 },
      { type: 'transferCompleted', at: CONSULT_ANSWERED + 21_000 },
    ]);
    if (call.phase !== 'ended') throw new Error('not ended');
    const record = callRecordSchema.parse(callRecordFromEndedCall(call, { queue: 'support', meanMos: 4.2 }));
    expect(record).toMatchObject({
      callId: 'call-1',
      remoteNumber: 'sip:+15551234@pbx.example',
      remoteName: 'Dana Customer',
      queue: 'support',
      answeredAt: ANSWERED,
      endReason: 'transfer-completed',
      meanMos: 4.2,
      transfers: [{ mode: 'attended', target: SENIOR, outcome: 'completed' }],
    });
    expect(record.consults.map((c) => [c.outcome, c.failureReason, c.sipStatus])).toEqual([
      ['failed', 'busy', 486],
      ['transferred', undefined, undefined],
    ]);
    expect(record.holds.every((h) => h.end >= h.start)).toBe(true);
    const d = callDurations(record);
    expect(d.talkMs + d.holdMs).toBe(record.endedAt - ANSWERED);
    expect(d.consultMs).toBe(3_000 + (CONSULT_ANSWERED + 21_000 - (CONSULT_DIALED + 10_000)));
  });

  it('keeps the SIP status of a rejected call, and no talk for a missed one', () => {
    const call = play([{ type: 'rejected', at: T + 2_000, sipStatus: 486 }]);
    if (call.phase !== 'ended') throw new Error('not ended');
    const record = callRecordSchema.parse(callRecordFromEndedCall(call));
    expect(record).toMatchObject({ endReason: 'rejected', endStatus: 486, queue: '' });
    expect(callDurations(record)).toEqual({ talkMs: 0, holdMs: 0, consultMs: 0 });
  });
});
