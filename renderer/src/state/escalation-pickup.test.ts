import { describe, expect, it } from 'vitest';
import { ok, err } from '../../../shared/result';
import type { CallId } from '../phone';
import { EscalationPickup, type PickupDesk } from './escalation-pickup';
import { INITIAL_PHONE_STATE, type CallEntry, type PhoneState } from './phone-state';

const ringing = (callId: string, from: string, colleagueConsult = true): CallEntry =>
  ({
    info: {
      callId: callId as CallId,
      direction: 'inbound',
      remote: { number: from, uri: `sip:${from}@lab` },
      ...(colleagueConsult ? { colleagueConsult: true } : {}),
    },
    call: {
      phase: 'offered',
      callId,
      direction: 'inbound',
      remote: { uri: `sip:${from}@lab` },
      startedAt: 0,
      holds: [],
      consults: [],
    },
    waiting: false,
    muted: false,
    heldByRemote: false,
    remoteRinging: false,
  }) as CallEntry;

function fakeDesk() {
  let state: PhoneState = INITIAL_PHONE_STATE;
  const listeners = new Set<() => void>();
  const answered: string[] = [];
  const desk: PickupDesk = {
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    getSnapshot: () => state,
    answer: (id) => (answered.push(id), Promise.resolve({ ok: true })),
  };
  const rings = (...calls: CallEntry[]) => {
    state = { ...state, calls };
    listeners.forEach((l) => l());
  };
  return { desk, answered, rings };
}

describe('picking up an escalation waiting for me', () => {
  it('answers the consult when it already rings here, without asking the queue', async () => {
    const f = fakeDesk();
    const asked: string[] = [];
    const pickup = new EscalationPickup(f.desk, (body) => (asked.push(body), Promise.resolve(ok(undefined))));
    f.rings(ringing('c1', '1001'));
    expect(await pickup.pickUp('1001', true)).toBe('answered');
    expect(f.answered).toEqual(['c1']);
    expect(asked).toEqual([]);
  });

  it("asks the queue, then answers that colleague's consult when it rings here, and nothing else", async () => {
    const f = fakeDesk();
    let now = 0;
    const asked: string[] = [];
    const pickup = new EscalationPickup(
      f.desk,
      (body) => (asked.push(body), Promise.resolve(ok(undefined))),
      () => now,
    );
    expect(await pickup.pickUp('1002', true)).toBe('asked');
    expect(asked).toEqual(['pickup 1002']);
    f.rings(ringing('customer', '31201234567', false), ringing('other', '1003'));
    expect(f.answered).toEqual([]);
    f.rings(ringing('c2', '1002'));
    expect(f.answered).toEqual(['c2']);
    // Once only: a later consult from the same colleague rings as any call does.
    f.rings(ringing('c3', '1002'));
    expect(f.answered).toEqual(['c2']);

    // Too late: the wait is over, the consult rings as any call.
    expect(await pickup.pickUp('1004', true)).toBe('asked');
    now = 60_000;
    f.rings(ringing('c4', '1004'));
    expect(f.answered).toEqual(['c2']);
  });

  it('fails without a queue to ask (presence only) or when the queue refuses; a hostile name is never sent', async () => {
    const f = fakeDesk();
    const asked: string[] = [];
    const pickup = new EscalationPickup(f.desk, (body) => (asked.push(body), Promise.resolve(err('wrong-state' as const))));
    expect(await pickup.pickUp('1001', false)).toBe('failed');
    expect(await pickup.pickUp('1001\r\nX: y', true)).toBe('failed');
    expect(await pickup.pickUp('1001', true)).toBe('failed');
    expect(asked).toEqual(['pickup 1001']);
    f.rings(ringing('c5', '1001'));
    expect(f.answered).toEqual([]);
  });
});
