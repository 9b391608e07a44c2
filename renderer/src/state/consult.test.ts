import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallId, CallInfo } from '../phone';
import { fakeEngine } from './fake-engine.test-support';
import { PhoneStore } from './phone-store';

const CUSTOMER = 'call-customer' as CallId;
const LEG = 'call-leg' as CallId;
const customerInfo: CallInfo = {
  callId: CUSTOMER,
  direction: 'inbound',
  remote: { name: 'Ana', number: '100', uri: 'sip:100@x' },
};
const legInfo: CallInfo = { callId: LEG, direction: 'outbound', remote: { number: 'senior', uri: 'sip:senior@x' } };
const SENIOR = { kind: 'queue', queue: 'senior' } as const;

function onACall() {
  const { engine, emit } = fakeEngine();
  let now = 1_000;
  const store = new PhoneStore(engine, () => (now += 1_000));
  emit({ type: 'registration', status: { state: 'registered', recovered: false } });
  emit({ type: 'incoming', call: customerInfo, waiting: false });
  emit({ type: 'answered', callId: CUSTOMER });
  return { engine, emit, store, state: () => store.getSnapshot() };
}

async function consulting() {
  const t = onACall();
  await t.store.startConsult(CUSTOMER, SENIOR, 'sip:senior@x', []);
  t.emit({ type: 'dialing', call: legInfo });
  return t;
}

const customer = (s: ReturnType<PhoneStore['getSnapshot']>) => s.calls.find((c) => c.info.callId === CUSTOMER);

afterEach(() => {
  vi.useRealTimers();
});

describe('escalation in the phone store', () => {
  it('agent escalates to the senior queue: the customer is held and a consult leg rings', async () => {
    const { engine, state } = await consulting();
    expect(engine.hold).toHaveBeenCalledWith(CUSTOMER);
    // The customer is on hold: the consult asks not to wait in a queue (RFC 3841).
    expect(engine.call).toHaveBeenCalledWith('sip:senior@x', {
      headers: ['Request-Disposition: no-queue', 'X-Warmline-Leg: consult'],
    });
    expect(customer(state())?.call).toMatchObject({ phase: 'consult-ringing', consult: { target: SENIOR } });
    expect(state().calls.find((c) => c.info.callId === LEG)?.consultFor).toBe(CUSTOMER);
    expect(state().agent).toMatchObject({ kind: 'consulting', callId: CUSTOMER });
  });

  it('the senior answers, the agent completes the transfer, both legs go and wrap-up starts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    expect(customer(state())?.call).toMatchObject({ phase: 'consulting', talkingTo: 'consult' });
    expect(store.completeTransfer(CUSTOMER)).toEqual({ ok: true });
    expect(engine.transferAttended).toHaveBeenCalledWith(CUSTOMER, LEG, []);
    expect(customer(state())?.call.phase).toBe('transferring');
    emit({ type: 'transfer-accepted', callId: CUSTOMER });
    expect(state().calls).toEqual([]);
    expect(state().lastEnded?.call).toMatchObject({
      endReason: { kind: 'transfer-completed', mode: 'attended', target: SENIOR },
    });
    expect(state().agent).toMatchObject({ kind: 'wrap-up', callId: CUSTOMER });
    expect(engine.hangup).toHaveBeenCalledWith(CUSTOMER);
    // The consult leg is the target's to end (it is replaced); only a leg left over is hung up later.
    expect(engine.hangup).not.toHaveBeenCalledWith(LEG);
    vi.advanceTimersByTime(3_000);
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
  });

  it('a busy senior queue fails the consult: the agent is told why and the customer stays on hold', async () => {
    const { emit, state } = await consulting();
    emit({ type: 'ended', callId: LEG, cause: 'busy', by: 'remote', status: 486 });
    expect(state().notices[0]).toMatchObject({ kind: 'consult-failed', reason: 'busy', status: 486 });
    expect(customer(state())?.call).toMatchObject({
      phase: 'on-hold',
      consults: [{ outcome: { kind: 'failed', reason: 'busy' } }],
    });
    expect(state().agent).toMatchObject({ kind: 'on-call' });
  });

  it('nobody in the queue (480) is told as such', async () => {
    const { emit, state } = await consulting();
    emit({ type: 'ended', callId: LEG, cause: 'unavailable', by: 'remote', status: 480 });
    expect(state().notices[0]).toMatchObject({ kind: 'consult-failed', reason: 'no-agents' });
  });

  it('cancel ends the consult and takes the customer back', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    await store.cancelConsult(CUSTOMER);
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(engine.resume).toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    emit({ type: 'resumed', callId: CUSTOMER, by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
    expect(state().agent).toMatchObject({ kind: 'on-call' });
  });

  it('swap talks to the customer and holds the senior, then back', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    store.swapConsult(CUSTOMER);
    expect(engine.hold).toHaveBeenLastCalledWith(LEG);
    expect(engine.resume).toHaveBeenLastCalledWith(CUSTOMER);
    expect(customer(state())?.call).toMatchObject({ phase: 'consulting', talkingTo: 'customer' });
  });

  it('three-way merges the legs', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    await store.mergeConsult(CUSTOMER);
    expect(engine.merge).toHaveBeenCalledWith(CUSTOMER, LEG);
    expect(customer(state())?.call.phase).toBe('three-way');
  });

  it('the customer hanging up while the consult rings ends the call and cancels the consult', async () => {
    const { engine, emit, state } = await consulting();
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'remote' });
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(state().agent).toMatchObject({ kind: 'wrap-up' });
  });

  it('the customer hanging up during the consult is told at once; the agent stays with the senior', async () => {
    const { emit, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'remote' });
    expect(state().notices[0]).toMatchObject({ kind: 'customer-left-during-consult', caller: 'Ana (100)' });
    expect(customer(state())?.call.phase).toBe('customer-left');
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    expect(state().agent).toMatchObject({ kind: 'wrap-up' });
  });

  it('a consult waiting in the queue (182) is shown as queued until a member rings', async () => {
    const { emit, state } = await consulting();
    emit({ type: 'ringing', callId: LEG, queued: true });
    expect(state().calls.find((c) => c.info.callId === LEG)?.queued).toBe(true);
    emit({ type: 'ringing', callId: LEG });
    expect(state().calls.find((c) => c.info.callId === LEG)?.queued).toBe(false);
  });

  it('while queued, Back to the customer cancels the consult and resumes the customer', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'ringing', callId: LEG, queued: true });
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(engine.resume).toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'ended', callId: LEG, cause: 'cancelled', by: 'local' });
    emit({ type: 'resumed', callId: CUSTOMER, by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
  });

  it("a transfer the customer's phone refuses leaves both legs up, says why, and the agent can go back", async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    store.completeTransfer(CUSTOMER);
    emit({ type: 'transfer-failed', callId: CUSTOMER, status: 603 });
    expect(customer(state())?.call).toMatchObject({ phase: 'consulting', transferIssue: { kind: 'refused', sipStatus: 603 } });
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(engine.resume).toHaveBeenCalledWith(CUSTOMER);
  });

  it('a transfer with no outcome in time is reported; going back withdraws it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    store.completeTransfer(CUSTOMER);
    vi.advanceTimersByTime(20_000);
    expect(customer(state())?.call).toMatchObject({ phase: 'consulting', transferIssue: { kind: 'timed-out' } });
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    emit({ type: 'resumed', callId: CUSTOMER, by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
  });

  it('going back while the REFER is out withdraws the transfer first', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    store.completeTransfer(CUSTOMER);
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    expect(customer(state())?.call.phase).toBe('consulting');
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    emit({ type: 'resumed', callId: CUSTOMER, by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
  });

  it('from a three-way call, going back ends the mix and the consult leg', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    await store.mergeConsult(CUSTOMER);
    engine.resume.mockReturnValueOnce({ ok: false, error: 'wrong-state' } as never);
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    expect(engine.unmerge).toHaveBeenCalled();
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
  });

  it('a resume JsSIP refuses (another INVITE in progress) is reported: the customer is still on hold, not "back"', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    engine.resume.mockReturnValueOnce({ ok: false, error: 'wrong-state' } as never);
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: false, error: 'wrong-state' });
    expect(state().notices.at(-1)).toMatchObject({ kind: 'command-failed', command: 'resume', error: 'wrong-state' });
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    expect(customer(state())?.call.phase).toBe('on-hold');
    // The card's Resume takes the customer back once the other INVITE is done.
    expect(store.toggleHold(CUSTOMER)).toEqual({ ok: true });
    expect(engine.resume).toHaveBeenLastCalledWith(CUSTOMER);
  });

  it('after a failed consult, a refused resume is reported too', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'ended', callId: LEG, cause: 'rejected', by: 'remote', status: 603 });
    engine.resume.mockReturnValueOnce({ ok: false, error: 'wrong-state' } as never);
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: false, error: 'wrong-state' });
    expect(customer(state())?.call.phase).toBe('on-hold');
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    emit({ type: 'resumed', callId: CUSTOMER, by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
  });

  it('after a failed consult, going back takes the customer off hold', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'ended', callId: LEG, cause: 'rejected', by: 'remote', status: 603 });
    expect(await store.backToCustomer(CUSTOMER)).toEqual({ ok: true });
    expect(engine.resume).toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'resumed', callId: CUSTOMER, by: 'local' });
    expect(customer(state())?.call.phase).toBe('active');
  });
});

/**
 * Hang up during an escalation (walk fault 1: the agent was left in "Consulting" with no call and
 * no way out): Hang up ends whom the agent is talking to, and every path ends back on a live call
 * or in wrap-up for the customer's call with the consult recorded, then Ready.
 */
describe('Hang up during a consult or a three-way', () => {
  it('talking to the senior, Hang up ends the consult only: the customer stays on hold and the agent is back on the call', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    expect(store.hangup(CUSTOMER)).toEqual({ ok: true });
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(engine.hangup).not.toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    expect(customer(state())?.call).toMatchObject({ phase: 'on-hold', consults: [{ outcome: { kind: 'cancelled' } }] });
    expect(state().agent).toMatchObject({ kind: 'on-call', callId: CUSTOMER });
    expect(state().notices).toEqual([]);
  });

  it('while the consult rings, Hang up cancels it: the customer stays on hold', async () => {
    const { engine, emit, store, state } = await consulting();
    store.hangup(CUSTOMER);
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(engine.hangup).not.toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'ended', callId: LEG, cause: 'cancelled', by: 'local' });
    expect(customer(state())?.call.phase).toBe('on-hold');
    expect(state().agent).toMatchObject({ kind: 'on-call', callId: CUSTOMER });
  });

  it('in a three-way, Hang up ends the call for everyone: wrap-up for the customer call with the consult recorded, then Ready', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    await store.mergeConsult(CUSTOMER);
    store.hangup(CUSTOMER);
    expect(engine.hangup).toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'local' });
    // The consult leg goes with the call it belongs to: hung up, off the screen.
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(state().calls).toEqual([]);
    expect(state().agent).toMatchObject({ kind: 'wrap-up', callId: CUSTOMER });
    expect(state().lastEnded?.call).toMatchObject({
      phase: 'ended',
      endReason: { kind: 'local-hangup' },
      consults: [{ target: SENIOR, outcome: { kind: 'call-ended' } }],
    });
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    expect(state().agent).toMatchObject({ kind: 'wrap-up', callId: CUSTOMER });
    store.finishWrapUp();
    expect(state().agent).toEqual({ kind: 'available' });
  });

  it('talking to the customer with the senior on hold, Hang up ends the call and the consult: wrap-up', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    store.swapConsult(CUSTOMER);
    store.hangup(CUSTOMER);
    expect(engine.hangup).toHaveBeenCalledWith(CUSTOMER);
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'local' });
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    expect(state().calls).toEqual([]);
    expect(state().agent).toMatchObject({ kind: 'wrap-up', callId: CUSTOMER });
  });

  it('the customer call failing under an answered consult leg also ends in wrap-up, never "Consulting" with no call', async () => {
    const { emit, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    emit({ type: 'ended', callId: CUSTOMER, cause: 'connection-lost', by: 'system' });
    expect(state().calls).toEqual([]);
    expect(state().agent).toMatchObject({ kind: 'wrap-up', callId: CUSTOMER });
  });

  it('after the customer left, Hang up ends the consult leg and with it the call: wrap-up', async () => {
    const { engine, emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'remote' });
    store.hangup(CUSTOMER);
    expect(engine.hangup).toHaveBeenCalledWith(LEG);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'local' });
    expect(state().calls).toEqual([]);
    expect(state().agent).toMatchObject({ kind: 'wrap-up', callId: CUSTOMER });
  });
});

/**
 * Walk fault 7: after a consultee left a three-way on one call, a declined consult on the next call
 * showed "Your colleague declined: …" and still "Your colleague hung up; the customer is still on
 * hold". A consult's notices belong to that call's escalation: they go when the call ends and when
 * a new consult starts.
 */
describe("a consult's notices belong to its call", () => {
  const NEXT = 'call-next' as CallId;
  const NEXT_LEG = 'call-next-leg' as CallId;

  it('a declined consult on the next call says only that it was declined', async () => {
    const { emit, store, state } = await consulting();
    emit({ type: 'answered', callId: LEG });
    await store.mergeConsult(CUSTOMER);
    emit({ type: 'ended', callId: LEG, cause: 'hangup', by: 'remote' });
    expect(state().notices.map((n) => n.kind)).toEqual(['consult-party-left']);
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'local' });
    store.finishWrapUp();
    emit({ type: 'incoming', call: { ...customerInfo, callId: NEXT }, waiting: false });
    emit({ type: 'answered', callId: NEXT });
    await store.startConsult(NEXT, SENIOR, 'sip:senior@x', []);
    emit({ type: 'dialing', call: { ...legInfo, callId: NEXT_LEG } });
    emit({ type: 'ended', callId: NEXT_LEG, cause: 'rejected', by: 'remote', status: 603, declineReason: 'busy-with-customer' });
    expect(state().notices).toEqual([
      expect.objectContaining({ kind: 'consult-failed', reason: 'declined', declineReason: 'busy-with-customer' }),
    ]);
  });

  it("a second consult on the same call starts without the first one's failure", async () => {
    const { emit, store, state } = await consulting();
    emit({ type: 'ended', callId: LEG, cause: 'busy', by: 'remote', status: 486 });
    expect(state().notices.map((n) => n.kind)).toEqual(['consult-failed']);
    await store.startConsult(CUSTOMER, SENIOR, 'sip:senior@x', []);
    emit({ type: 'dialing', call: { ...legInfo, callId: NEXT_LEG } });
    expect(state().notices).toEqual([]);
  });

  it('other notices stay: a refused call is still told', async () => {
    const { emit, state } = await consulting();
    emit({ type: 'refused', call: { ...customerInfo, callId: NEXT }, status: 486 });
    emit({ type: 'ended', callId: LEG, cause: 'busy', by: 'remote', status: 486 });
    emit({ type: 'ended', callId: CUSTOMER, cause: 'hangup', by: 'local' });
    expect(state().notices.map((n) => n.kind)).toEqual(['refused']);
  });
});
