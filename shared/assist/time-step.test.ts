import { describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../call/call';
import { transitionCall } from '../call/call-lifecycle';
import { newInboundCall } from '../call/call-timeline';
import { T } from '../call/call.fixtures';
import { DEFAULT_SLA_POLICY } from './guidance';
import { DEFAULT_STAGE_THRESHOLDS } from './stages';
import { assistTimes, assistTimeStep } from './time-step';

const s = (seconds: number) => T + seconds * 1000;

function play(...events: CallEvent[]): Call {
  return events.reduce<Call>(
    (call, event) => {
      const next = transitionCall(call, event);
      if (!next.ok) throw new Error(`${call.phase} refused ${event.type}`);
      return next.value;
    },
    newInboundCall({ callId: 'c1', remote: { uri: 'sip:+15551234@pbx.example' }, at: T }),
  );
}

const step = (call: Call, now: number) => assistTimeStep(call, now, DEFAULT_STAGE_THRESHOLDS, DEFAULT_SLA_POLICY);

/** The seconds in [from, to) at which the key differs from the second before. */
function changes(call: Call, from: number, to: number): number[] {
  const seen: number[] = [];
  for (let second = from + 1; second < to; second += 1) {
    if (step(call, s(second)) !== step(call, s(second - 1))) seen.push(second);
  }
  return seen;
}

describe('assistant times', () => {
  it('counts on-call and talk time from the answer, holds left out of talk time, and held time while held', () => {
    const held = play({ type: 'answered', at: s(0) }, { type: 'held', at: s(20) });
    expect(assistTimes(held, s(50))).toEqual({ onCallMs: 50_000, talkMs: 20_000, heldMs: 30_000 });
    const back = play({ type: 'answered', at: s(0) }, { type: 'held', at: s(20) }, { type: 'resumed', at: s(30) });
    expect(assistTimes(back, s(50))).toEqual({ onCallMs: 40_000 + 10_000, talkMs: 40_000 });
    expect(assistTimes(play(), s(50))).toEqual({ onCallMs: 0, talkMs: 0 });
  });
});

describe('assistant time step', () => {
  it('changes only at the stage thresholds and the SLA nudge and breach, not every second', () => {
    const call = play({ type: 'answered', at: s(0) });
    // Reassure at 60 s of talk, resolve at 240 s, escalate-soon at 288 s (80 % of 360), breached at 360 s.
    expect(changes(call, 0, 400)).toEqual([60, 240, 288, 360]);
  });

  it('follows the hold nudges at 30 s and 60 s on hold, and talk time stands still while held', () => {
    const held = play({ type: 'answered', at: s(0) }, { type: 'held', at: s(50) });
    // Held at 50 s of talk: the stage stays (60 s of talk is not reached); check-in at 80 s, return at 110 s.
    expect(changes(held, 50, 200)).toEqual([80, 110]);
  });

  it('changes with the phase, so a hold or a resume renders the assistant at once', () => {
    const active = play({ type: 'answered', at: s(0) });
    const held = play({ type: 'answered', at: s(0) }, { type: 'held', at: s(10) });
    expect(step(active, s(10))).not.toBe(step(held, s(10)));
  });
});
