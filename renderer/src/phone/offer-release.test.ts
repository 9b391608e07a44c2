import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Call, TRANSACTION_TERMINATED } from './call';
import type { CallInfo, PhoneEvent } from './events';
import { firstLine } from './fake-socket.test-support';
import { invite, ringingPhone, until } from './ringing-phone.test-support';

/**
 * Issue 19, heap over a shift: JsSIP keeps an incoming INVITE's server transaction for up to 32 s after
 * the call's final response (Timer L after a 200, Timer H after a refusal). The phone's watch on that
 * transaction (a dropped connection withdraws a ringing offer) captured the call, so every call of the
 * last half minute stayed reachable with its session, peer connection and streams. The watch must be
 * gone once the 200 OK went out or the call ended.
 */
/** The CANCEL of the INVITE `invite(branch)` sends (same Via branch, Call-ID, From, To and CSeq number). */
function cancelOf(branch: string): string {
  const lines = invite(branch).split('\r\n');
  const keep = (name: string) => lines.filter((line) => line.startsWith(`${name}:`));
  return [
    lines[0]!.replace(/^INVITE /, 'CANCEL '),
    ...keep('Via'),
    'Max-Forwards: 69',
    ...keep('From'),
    ...keep('To'),
    ...keep('Call-ID'),
    (keep('CSeq')[0] ?? '').replace('INVITE', 'CANCEL'),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

interface TransactionLike {
  readonly type: string;
  readonly state: number;
  listenerCount(event: string): number;
}

/** A ringing call (ringingPhone, branch z9hG4bKfirst), and the INVITE server transaction JsSIP made for it. */
async function ringingWithTransaction(): Promise<Awaited<ReturnType<typeof ringingPhone>> & { transaction: TransactionLike }> {
  const UA = ((await import('jssip/lib/UA' as string)) as { default: { prototype: { newTransaction(t: unknown): void } } })
    .default;
  const created: TransactionLike[] = [];
  const original = UA.prototype.newTransaction;
  vi.spyOn(UA.prototype, 'newTransaction').mockImplementation(function (this: unknown, t: unknown) {
    created.push(t as TransactionLike);
    original.call(this, t);
  });
  const ringing = await ringingPhone();
  const transaction = created.find((t) => t.type === 'ist');
  if (!transaction) throw new Error('no INVITE server transaction');
  return { ...ringing, transaction };
}

describe("an incoming call's INVITE transaction lets go of the call", () => {
  // JsSIP takes an INVITE only where WebRTC exists; no media is exchanged here (the call is never answered).
  beforeEach(() => vi.stubGlobal('window', { RTCPeerConnection: class {} }));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('watches the transaction while the call rings', async () => {
    const { phone, transaction } = await ringingWithTransaction();
    expect(transaction.listenerCount('stateChanged')).toBe(1);
    await phone.stop();
  });

  it('when the agent declines: the transaction waits for the ACK (Timer H) without a watch on the call', async () => {
    const { phone, socket, events, transaction } = await ringingWithTransaction();
    const sent = socket.sent.length;
    expect(phone.reject(phone.calls()[0]!.callId).ok).toBe(true);
    await until(() => events.some((e) => e.type === 'ended'));
    expect(
      socket.sent
        .slice(sent)
        .map(firstLine)
        .some((line) => /^SIP\/2\.0 [4-6]\d\d /.test(line)),
    ).toBe(true);
    expect(transaction.state).not.toBe(TRANSACTION_TERMINATED);
    expect(transaction.listenerCount('stateChanged')).toBe(0);
    await phone.stop();
  });

  it('when the caller cancels', async () => {
    const { phone, socket, events, transaction } = await ringingWithTransaction();
    socket.deliver(cancelOf('z9hG4bKfirst'));
    await until(() => events.some((e) => e.type === 'ended'));
    expect(transaction.state).not.toBe(TRANSACTION_TERMINATED);
    expect(transaction.listenerCount('stateChanged')).toBe(0);
    await phone.stop();
  });
});

/** The part of JsSIP's EventEmitter a Call and its watch use. */
class Emitter {
  readonly #listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  on(event: string, listener: (...args: unknown[]) => void): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  removeListener(event: string, listener: (...args: unknown[]) => void): this {
    this.#listeners.set(
      event,
      (this.#listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }
  listenerCount(event: string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }
}

describe('Call.watchOffer', () => {
  const info = { callId: 'call-1', direction: 'inbound' } as unknown as CallInfo;

  function watched(): { session: Emitter & { status: number }; transaction: Emitter & { state: number }; events: PhoneEvent[] } {
    const session = Object.assign(new Emitter(), { status: 4, connection: undefined, terminate: vi.fn() });
    const transaction = Object.assign(new Emitter(), { state: 2 });
    const events: PhoneEvent[] = [];
    const call = new Call(
      info,
      session as unknown as RTCSession,
      (e) => events.push(e),
      () => undefined,
    );
    call.watchOffer({ server_transaction: transaction } as unknown as IncomingRequest);
    return { session, transaction, events };
  }

  it("drops its watch once the 200 OK went out ('accepted'): Timer L keeps the transaction 32 s more", () => {
    const { session, transaction } = watched();
    expect(transaction.listenerCount('stateChanged')).toBe(1);
    session.status = 6;
    session.emit('accepted', { originator: 'local' });
    expect(transaction.listenerCount('stateChanged')).toBe(0);
  });

  it('still withdraws the offer when the transaction ends before the 200 OK (a dropped connection)', () => {
    const { session, transaction, events } = watched();
    transaction.state = TRANSACTION_TERMINATED;
    transaction.emit('stateChanged');
    expect(events).toEqual([{ type: 'offer-lost', callId: 'call-1' }]);
    // JsSIP reports the silent end as failed: the watch goes with it.
    session.emit('failed', { originator: 'system', cause: 'Connection Error' });
    expect(transaction.listenerCount('stateChanged')).toBe(0);
    expect(events).toHaveLength(1);
  });
});
