import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Call, TRANSACTION_TERMINATED } from './call';
import type { CallInfo, PhoneEvent } from './events';
import { FakeSocket, firstLine } from './fake-socket.test-support';
import { Phone } from './phone';

/**
 * Issue 19, heap over a shift: JsSIP keeps an incoming INVITE's server transaction for up to 32 s after
 * the call's final response (Timer L after a 200, Timer H after a refusal). The phone's watch on that
 * transaction (a dropped connection withdraws a ringing offer) captured the call, so every call of the
 * last half minute stayed reachable with its session, peer connection and streams. The watch must be
 * gone once the 200 OK went out or the call ended.
 */
const CONFIG = { serverUrl: 'ws://127.0.0.1:5066', sipUri: 'sip:1001@warmline.test', password: 'secret' } as const;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const INVITE = [
  'INVITE sip:1001@df7jal23ls0d.invalid;transport=ws SIP/2.0',
  'Via: SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bKrelease',
  'Max-Forwards: 69',
  'From: "Sanne de Vries" <sip:9001@warmline.test>;tag=caller1',
  'To: <sip:1001@warmline.test>',
  'Call-ID: release-call-1',
  'CSeq: 2 INVITE',
  'Contact: <sip:9001@caller.invalid;transport=ws>',
  'Content-Type: application/sdp',
];
const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

function invite(): string {
  return [...INVITE, `Content-Length: ${SDP.length}`, '', SDP].join('\r\n');
}

function cancel(): string {
  return [
    ...INVITE.slice(0, 6).map((line) => line.replace('INVITE sip', 'CANCEL sip')),
    'CSeq: 2 CANCEL',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

interface TransactionLike {
  readonly state: number;
  listenerCount(event: string): number;
}

async function ringingPhone(): Promise<{ phone: Phone; socket: FakeSocket; events: PhoneEvent[]; transaction: TransactionLike }> {
  const UA = ((await import('jssip/lib/UA' as string)) as { default: { prototype: { newTransaction(t: unknown): void } } })
    .default;
  const created: TransactionLike[] = [];
  const original = UA.prototype.newTransaction;
  vi.spyOn(UA.prototype, 'newTransaction').mockImplementation(function (this: unknown, t: unknown) {
    created.push(t as TransactionLike);
    original.call(this, t);
  });
  const socket = new FakeSocket();
  socket.serve = (message, s) => {
    if (message.startsWith('REGISTER')) {
      const contact = /^Contact: (.*)$/im.exec(message)?.[1] ?? '';
      s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=300`]));
    }
  };
  const phone = new Phone({ createSocket: () => socket.asSocket() });
  const events: PhoneEvent[] = [];
  phone.on((event) => events.push(event));
  expect(phone.configure(CONFIG).ok).toBe(true);
  phone.setAvailable(true);
  phone.start();
  await until(() => phone.registration.state === 'registered');
  socket.deliver(invite());
  await until(() => events.some((e) => e.type === 'incoming'));
  const transaction = created.find((t) => (t as unknown as { type?: string }).type === 'ist');
  if (!transaction) throw new Error('no INVITE server transaction');
  return { phone, socket, events, transaction };
}

describe("an incoming call's INVITE transaction lets go of the call", () => {
  // JsSIP takes an INVITE only where WebRTC exists; no media is exchanged here (the call is never answered).
  beforeEach(() => vi.stubGlobal('window', { RTCPeerConnection: class {} }));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('watches the transaction while the call rings', async () => {
    const { phone, transaction } = await ringingPhone();
    expect(transaction.listenerCount('stateChanged')).toBe(1);
    await phone.stop();
  });

  it('when the agent declines: the transaction waits for the ACK (Timer H) without a watch on the call', async () => {
    const { phone, socket, events, transaction } = await ringingPhone();
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
    const { phone, socket, events, transaction } = await ringingPhone();
    socket.deliver(cancel());
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
