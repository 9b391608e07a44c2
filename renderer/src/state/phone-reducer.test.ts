import { describe, expect, it } from 'vitest';
import type { CallId, CallInfo, PhoneEvent } from '../phone';
import { reduceAgentEvent, reducePhoneEvent } from './phone-reducer';
import { acceptsCalls, INITIAL_PHONE_STATE, type PhoneState } from './phone-state';

const A = 'call-a' as CallId;
const B = 'call-b' as CallId;
const info = (callId: CallId, direction: 'inbound' | 'outbound' = 'inbound'): CallInfo => ({
  callId,
  direction,
  remote: { name: 'Ana Reyes', number: '+639171234567', uri: 'sip:+639171234567@lab' },
  queue: { name: 'support', waitSeconds: 12 },
});

function run(events: readonly PhoneEvent[], from: PhoneState = INITIAL_PHONE_STATE): PhoneState {
  return events.reduce((s, e, i) => reducePhoneEvent(s, e, 1_000 + i * 1_000), from);
}
const registered: PhoneEvent = { type: 'registration', status: { state: 'registered', recovered: false } };

describe('phone store reducer', () => {
  it('agent signs in and becomes available when the phone registers', () => {
    const s = run([{ type: 'registration', status: { state: 'connecting', attempt: 1 } }, registered]);
    expect(s.agent).toEqual({ kind: 'available' });
    expect(acceptsCalls(s)).toBe(true);
  });

  it('a queue call rings, is answered, held, resumed and hung up by the agent, then wrap-up starts', () => {
    const s = run([
      registered,
      { type: 'incoming', call: info(A), waiting: false },
      { type: 'answered', callId: A },
      { type: 'held', callId: A, by: 'local' },
      { type: 'resumed', callId: A, by: 'local' },
      { type: 'ended', callId: A, cause: 'hangup', by: 'local' },
    ]);
    expect(s.calls).toEqual([]);
    expect(s.agent).toMatchObject({ kind: 'wrap-up', callId: A, startedAt: 6_000 });
    expect(s.lastEnded?.call).toMatchObject({
      phase: 'ended',
      endReason: { kind: 'local-hangup' },
      holds: [{ start: 4_000, end: 5_000 }],
    });
    expect(s.notices).toEqual([]);
  });

  it('agent declines a ringing call and is available again; the caller giving up is no notice', () => {
    let s = run([
      registered,
      { type: 'incoming', call: info(A), waiting: false },
      { type: 'ended', callId: A, cause: 'rejected', by: 'local', status: 486 },
    ]);
    expect(s.agent).toEqual({ kind: 'available' });
    s = run(
      [
        { type: 'incoming', call: info(B), waiting: false },
        { type: 'ended', callId: B, cause: 'cancelled', by: 'remote' },
      ],
      s,
    );
    expect(s.agent).toEqual({ kind: 'available' });
    expect(s.notices).toEqual([]);
  });

  it('the customer hanging up is told to the agent', () => {
    const s = run([
      registered,
      { type: 'incoming', call: info(A), waiting: false },
      { type: 'answered', callId: A },
      { type: 'ended', callId: A, cause: 'hangup', by: 'remote' },
    ]);
    expect(s.notices[0]).toMatchObject({ kind: 'call-ended', caller: 'Ana Reyes (+639171234567)', cause: 'hangup' });
    expect(s.lastEnded?.call).toMatchObject({ endReason: { kind: 'remote-hangup' } });
  });

  it('call waiting: a second call shows as waiting; holding the first and answering it keeps the agent on a call', () => {
    let s = run([registered, { type: 'incoming', call: info(A), waiting: false }, { type: 'answered', callId: A }]);
    expect(acceptsCalls(s)).toBe(true);
    s = run([{ type: 'incoming', call: info(B), waiting: true }], s);
    expect(s.calls.map((c) => [c.info.callId, c.waiting])).toEqual([
      [A, false],
      [B, true],
    ]);
    expect(acceptsCalls(s)).toBe(false);
    s = run(
      [
        { type: 'held', callId: A, by: 'local' },
        { type: 'answered', callId: B },
        { type: 'ended', callId: A, cause: 'hangup', by: 'remote' },
      ],
      s,
    );
    expect(s.agent).toMatchObject({ kind: 'on-call', callId: B });
    s = run([{ type: 'ended', callId: B, cause: 'hangup', by: 'local' }], s);
    expect(s.agent).toMatchObject({ kind: 'wrap-up', callId: B });
  });

  it('a call refused while on a break is reported, never silently dropped', () => {
    let s = run([registered]);
    s = reduceAgentEvent(s, { type: 'tookBreak', reason: 'lunch' });
    expect(acceptsCalls(s)).toBe(false);
    s = run([{ type: 'refused', call: info(A), status: 486 }], s);
    expect(s.notices[0]).toMatchObject({ kind: 'refused', caller: 'Ana Reyes (+639171234567)', queue: 'support' });
  });

  it('a break survives a dropped connection and the agent comes back on it', () => {
    let s = reduceAgentEvent(run([registered]), { type: 'tookBreak', reason: 'lunch' });
    s = run([{ type: 'registration', status: { state: 'connecting', attempt: 1 } }], s);
    expect(s.agent).toEqual({ kind: 'offline' });
    s = run([{ type: 'registration', status: { state: 'registered', recovered: true } }], s);
    expect(s.agent).toEqual({ kind: 'break', reason: 'lunch' });
  });

  it('a call in progress keeps the agent on it through a transport drop', () => {
    const s = run([
      registered,
      { type: 'incoming', call: info(A), waiting: false },
      { type: 'answered', callId: A },
      { type: 'registration', status: { state: 'connecting', attempt: 1 } },
    ]);
    expect(s.agent).toMatchObject({ kind: 'on-call', callId: A });
  });

  it('a ringing call whose offer went with the connection leaves the desk without a history line, and the offer again rings', () => {
    let s = run([
      registered,
      { type: 'incoming', call: info(A), waiting: false },
      { type: 'offer-lost', callId: A },
      { type: 'registration', status: { state: 'connecting', attempt: 1 } },
      { type: 'registration', status: { state: 'registered', recovered: true } },
    ]);
    expect(s.calls).toEqual([]);
    expect(s.lastEnded).toBeUndefined();
    expect(s.notices).toEqual([]);
    expect(s.agent).toEqual({ kind: 'available' });
    expect(acceptsCalls(s)).toBe(true);
    s = run([{ type: 'incoming', call: info(B), waiting: false }], s);
    expect(s.agent).toMatchObject({ kind: 'ringing', callId: B });
  });

  it('outbound: dialing puts the agent on a call, far-end busy ends it with the status', () => {
    const s = run([
      registered,
      { type: 'dialing', call: info(A, 'outbound') },
      { type: 'ringing', callId: A },
      { type: 'ended', callId: A, cause: 'busy', by: 'remote', status: 486 },
    ]);
    expect(s.lastEnded?.call).toMatchObject({ endReason: { kind: 'rejected', sipStatus: 486 } });
    expect(s.agent).toMatchObject({ kind: 'wrap-up' });
  });

  it('mute and remote hold are flags on the call; a refused hold is a notice', () => {
    const s = run([
      registered,
      { type: 'incoming', call: info(A), waiting: false },
      { type: 'answered', callId: A },
      { type: 'muted', callId: A },
      { type: 'held', callId: A, by: 'remote' },
      { type: 'hold-failed', callId: A, status: 488, resuming: false },
    ]);
    expect(s.calls[0]).toMatchObject({ muted: true, heldByRemote: true, call: { phase: 'active' } });
    expect(s.notices[0]).toMatchObject({ kind: 'hold-failed', status: 488 });
  });
});
