import { describe, expect, it } from 'vitest';
import { transitionAgent, type AgentEvent, type AgentState } from '../agent';
import type { Call, CallEvent, EndedCall } from './call';
import { transitionCall } from './call-lifecycle';
import { newInboundCall, newOutboundCall, totalHoldMs } from './call-timeline';
import { SENIOR, T, TECHNICAL } from './call.fixtures';

const remote = { uri: 'sip:+15551234@pbx.example' };
const s = (seconds: number) => T + seconds * 1000;

/** A call event without its time: `play` stamps one every ten seconds. */
type WithoutTime<E> = E extends CallEvent ? Omit<E, 'at'> : never;
type Step = WithoutTime<CallEvent>;

function play(call: Call, steps: readonly Step[], startSecond = 1): Call[] {
  const seen: Call[] = [call];
  steps.forEach((step, i) => {
    const result = transitionCall(seen.at(-1) as Call, { ...step, at: s(startSecond + i * 10) } as CallEvent);
    if (!result.ok) throw new Error(`${result.error.from} refused ${result.error.event.type}`);
    seen.push(result.value);
  });
  return seen;
}

function agentPlays(state: AgentState, steps: readonly AgentEvent[]): AgentState[] {
  return steps.reduce<AgentState[]>(
    (seen, event) => {
      const result = transitionAgent(seen.at(-1) as AgentState, event);
      if (!result.ok) throw new Error(`${result.error.from} refused ${event.type}`);
      return [...seen, result.value];
    },
    [state],
  );
}

function ended(seen: readonly Call[]): EndedCall {
  const last = seen.at(-1);
  if (last?.phase !== 'ended') throw new Error(`still ${last?.phase}`);
  return last;
}

describe('call paths', () => {
  it('customer call rings, is answered, held, resumed and hung up; the agent wraps up and is available', () => {
    // Events at 1s, 11s, 21s, 31s, 41s.
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'held' },
      { type: 'resumed' },
      { type: 'localHangup' },
    ]);
    expect(seen.map((c) => c.phase)).toEqual(['offered', 'active', 'on-hold', 'active', 'ended']);
    const call = ended(seen);
    expect(call).toMatchObject({ startedAt: T, answeredAt: s(1), endedAt: s(31), endReason: { kind: 'local-hangup' } });
    expect(call.holds).toEqual([{ start: s(11), end: s(21) }]);
    expect(totalHoldMs(call, s(999))).toBe(10_000);

    const agent = agentPlays({ kind: 'available' }, [
      { type: 'callOffered', callId: 'c1' },
      { type: 'callAnswered', callId: 'c1' },
      { type: 'callEnded', callId: 'c1', at: call.endedAt },
      { type: 'wrapUpFinished', callId: 'c1', at: s(60) },
    ]);
    expect(agent.map((a) => a.kind)).toEqual(['available', 'ringing', 'on-call', 'wrap-up', 'available']);
    expect(agent[3]).toEqual({ kind: 'wrap-up', callId: 'c1', startedAt: s(31), next: { kind: 'available' } });
  });

  it('agent consults the senior queue and completes the transfer to them', () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'consultDialed', target: SENIOR },
      { type: 'consultAnswered' },
      { type: 'attendedTransferRequested' },
      { type: 'transferCompleted' },
    ]);
    expect(seen.map((c) => c.phase)).toEqual(['offered', 'active', 'consult-ringing', 'consulting', 'transferring', 'ended']);
    const call = ended(seen);
    expect(call.endReason).toEqual({ kind: 'transfer-completed', mode: 'attended', target: SENIOR });
    expect(call.consults).toEqual([
      { target: SENIOR, dialedAt: s(11), answeredAt: s(21), endedAt: s(41), outcome: { kind: 'transferred' } },
    ]);
    // The customer waited on hold from the consult dial until the hand-over.
    expect(call.holds).toEqual([{ start: s(11), end: s(41) }]);

    const agent = agentPlays({ kind: 'ringing', callId: 'c1' }, [
      { type: 'callAnswered', callId: 'c1' },
      { type: 'consultStarted', callId: 'c1' },
      { type: 'callEnded', callId: 'c1', at: call.endedAt },
    ]);
    expect(agent.at(-1)).toEqual({ kind: 'wrap-up', callId: 'c1', startedAt: s(41), next: { kind: 'available' } });
  });

  it('agent merges customer and senior into a three-way call, then leaves them talking', () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'consultDialed', target: SENIOR },
      { type: 'consultAnswered' },
      { type: 'merged' },
      { type: 'attendedTransferRequested' },
      { type: 'transferCompleted' },
    ]);
    expect(seen.map((c) => c.phase)).toEqual([
      'offered',
      'active',
      'consult-ringing',
      'consulting',
      'three-way',
      'transferring',
      'ended',
    ]);
    const call = ended(seen);
    expect(call.endReason).toEqual({ kind: 'transfer-completed', mode: 'attended', target: SENIOR });
    expect(call.consults).toEqual([
      { target: SENIOR, dialedAt: s(11), answeredAt: s(21), mergedAt: s(31), endedAt: s(51), outcome: { kind: 'transferred' } },
    ]);
    expect(call.holds).toEqual([{ start: s(11), end: s(31) }]);
  });

  it('leaving the three-way call fails and the agent is back in the three-way call', () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'consultDialed', target: SENIOR },
      { type: 'consultAnswered' },
      { type: 'merged' },
      { type: 'attendedTransferRequested' },
      { type: 'transferFailed', sipStatus: 503 },
    ]);
    // Back in the three-way call as it was, now saying why the transfer did not land.
    expect(seen.at(-1)).toEqual({ ...seen.at(-3), transferIssue: { kind: 'refused', sipStatus: 503 } });
  });

  it('no technical agent is free, the consult fails and the agent takes the customer back', () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'consultDialed', target: TECHNICAL },
      { type: 'consultFailed', reason: 'no-agents', sipStatus: 480 },
      { type: 'resumed' },
      { type: 'customerHungUp' },
    ]);
    expect(seen.map((c) => c.phase)).toEqual(['offered', 'active', 'consult-ringing', 'on-hold', 'active', 'ended']);
    const call = ended(seen);
    expect(call.endReason).toEqual({ kind: 'remote-hangup' });
    expect(call.consults).toEqual([
      { target: TECHNICAL, dialedAt: s(11), endedAt: s(21), outcome: { kind: 'failed', reason: 'no-agents', sipStatus: 480 } },
    ]);
    expect(call.holds).toEqual([{ start: s(11), end: s(31) }]);
  });

  it('customer hangs up during the consult: the agent is told, finishes with the senior and hangs up', () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'consultDialed', target: SENIOR },
      { type: 'consultAnswered' },
      { type: 'customerHungUp' },
      { type: 'localHangup' },
    ]);
    expect(seen.map((c) => c.phase)).toEqual(['offered', 'active', 'consult-ringing', 'consulting', 'customer-left', 'ended']);
    expect(seen[4]).toMatchObject({ phase: 'customer-left', customerLeftAt: s(31), consult: { target: SENIOR } });
    const call = ended(seen);
    expect(call).toMatchObject({ endReason: { kind: 'remote-hangup' }, customerLeftAt: s(31), endedAt: s(41) });
    expect(call.holds).toEqual([{ start: s(11), end: s(31) }]);
    expect(call.consults).toEqual([
      { target: SENIOR, dialedAt: s(11), answeredAt: s(21), endedAt: s(41), outcome: { kind: 'call-ended' } },
    ]);
  });

  it("agent swaps between customer and senior: only the customer's waits count as hold time", () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [
      { type: 'answered' },
      { type: 'consultDialed', target: SENIOR },
      { type: 'consultAnswered' },
      { type: 'swapped' },
      { type: 'swapped' },
      { type: 'consultPartyHungUp' },
      { type: 'resumed' },
      { type: 'localHangup' },
    ]);
    const call = ended(seen);
    expect(call.holds).toEqual([
      { start: s(11), end: s(31) },
      { start: s(41), end: s(61) },
    ]);
    expect(totalHoldMs(call, s(999))).toBe(40_000);
  });

  it('agent dials out and the customer does not pick up', () => {
    const seen = play(newOutboundCall({ callId: 'o1', remote, at: T }), [{ type: 'failed', sipStatus: 480 }]);
    expect(ended(seen)).toEqual({
      phase: 'ended',
      callId: 'o1',
      direction: 'outbound',
      remote,
      startedAt: T,
      holds: [],
      consults: [],
      endedAt: s(1),
      endReason: { kind: 'failed', sipStatus: 480 },
    });
  });

  it('hold time of a customer still on hold counts up to now', () => {
    const seen = play(newInboundCall({ callId: 'c1', remote, at: T }), [{ type: 'answered' }, { type: 'held' }]);
    expect(totalHoldMs(seen.at(-1) as Call, s(16))).toBe(5_000);
  });
});
