/**
 * The two transferring agents the escalation benchmark compares: Warmline's engine and store
 * (startConsult + completeTransfer), and bare JsSIP doing hold + call + REFER with Replaces.
 */
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { Phone, type CallId } from '../../../renderer/src/phone';
import { customerCalls } from '../../../renderer/src/state/phone-state';
import { PhoneStore } from '../../../renderer/src/state/phone-store';
import { toneStream } from '../../support/browser-audio';
import type { BenchConfig } from './bench-agent';

const now = () => performance.timeOrigin + performance.now();

function until(check: () => boolean, subscribe: (listener: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = subscribe(() => {
      if (!check()) return;
      stop();
      resolve();
    });
  });
}

export interface TransferAgent {
  start(config: BenchConfig): Promise<void>;
  /** Answers the next call, consults `target`, waits until the consult is answered; returns when the consult was asked. */
  answerAndConsult(target: string): Promise<number>;
  /** Completes the transfer; returns when it was asked (the benchmark's start time). */
  complete(): number;
  /** Ready for the next round. */
  reset(): Promise<void>;
}

class AppTransferAgent implements TransferAgent {
  readonly #phone = new Phone({ getLocalStream: async () => toneStream(440) });
  readonly #store = new PhoneStore(this.#phone);
  #customer: CallId | undefined;
  readonly #sub = (l: () => void) => this.#store.subscribe(l);

  async start(config: BenchConfig): Promise<void> {
    this.#phone.configure({ serverUrl: config.wsUrl, sipUri: config.uri, password: config.password });
    this.#phone.start();
    await until(() => this.#store.getSnapshot().agent.kind === 'available', this.#sub);
  }

  async answerAndConsult(target: string): Promise<number> {
    await until(() => this.#store.getSnapshot().calls.some((c) => c.call.phase === 'offered'), this.#sub);
    const offered = this.#store.getSnapshot().calls.find((c) => c.call.phase === 'offered');
    if (!offered) throw new Error('no call');
    const id = offered.info.callId;
    this.#customer = id;
    await this.#store.answer(id);
    await until(() => this.#store.getSnapshot().calls.some((c) => c.info.callId === id && c.call.phase === 'active'), this.#sub);
    const asked = now();
    await this.#store.startConsult(id, { kind: 'agent', agentId: 'consultee' }, target, []);
    await until(() => customerCalls(this.#store.getSnapshot()).some((c) => c.call.phase === 'consulting'), this.#sub);
    return asked;
  }

  complete(): number {
    const at = now();
    if (this.#customer) this.#store.completeTransfer(this.#customer);
    return at;
  }

  describe(): string {
    const s = this.#store.getSnapshot();
    return JSON.stringify({
      agent: s.agent.kind,
      calls: s.calls.map((c) => c.call.phase),
      notices: s.notices.map((n) => n.kind),
    });
  }

  async reset(): Promise<void> {
    // The transfer is done when both legs are gone: in wrap-up, or already free again.
    const done = () => {
      const s = this.#store.getSnapshot();
      return s.agent.kind === 'wrap-up' || (s.agent.kind === 'available' && s.calls.length === 0);
    };
    await until(done, this.#sub);
    this.#store.finishWrapUp();
  }
}

class BareTransferAgent implements TransferAgent {
  #ua: UA | undefined;
  #incoming: ((s: RTCSession) => void) | undefined;
  #customer: RTCSession | undefined;
  #consult: RTCSession | undefined;

  async start(config: BenchConfig): Promise<void> {
    const ua = new UA({
      sockets: [new WebSocketInterface(config.wsUrl)],
      uri: config.uri,
      password: config.password,
      register: true,
    });
    this.#ua = ua;
    ua.on('newRTCSession', (e: RTCSessionEvent) => {
      if (e.originator === 'remote') this.#incoming?.(e.session);
    });
    await new Promise<void>((resolve) => {
      ua.on('registered', () => resolve());
      ua.start();
    });
  }

  async answerAndConsult(target: string): Promise<number> {
    const customer = await new Promise<RTCSession>((resolve) => (this.#incoming = resolve));
    this.#customer = customer;
    await new Promise<void>((resolve) => {
      customer.on('confirmed', () => resolve());
      customer.answer({ mediaStream: toneStream(440), mediaConstraints: { audio: true, video: false } });
    });
    customer.hold();
    const asked = now();
    const consult = this.#ua?.call(target, { mediaStream: toneStream(440), mediaConstraints: { audio: true, video: false } });
    if (!consult) throw new Error('not started');
    this.#consult = consult;
    await new Promise<void>((resolve) => consult.on('confirmed', () => resolve()));
    return asked;
  }

  complete(): number {
    const at = now();
    const customer = this.#customer;
    const consult = this.#consult;
    if (customer && consult) {
      customer.refer(consult.remote_identity.uri, {
        replaces: consult,
        eventHandlers: { accepted: () => customer.terminate() },
      } as Parameters<RTCSession['refer']>[1]);
    }
    return at;
  }

  async reset(): Promise<void> {
    for (const s of [this.#customer, this.#consult]) if (s && !s.isEnded()) s.terminate();
  }
}

declare global {
  interface Window {
    benchTransfer: { app: TransferAgent; bare: TransferAgent };
  }
}
window.benchTransfer = { app: new AppTransferAgent(), bare: new BareTransferAgent() };
