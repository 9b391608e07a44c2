/**
 * The two agents the phone benchmark compares, in one page: Warmline's engine with its store
 * (what the app's UI reads), and a bare JsSIP user agent doing the same with no wrapper (the
 * floor). Timestamps are `performance.timeOrigin + performance.now()`, comparable across pages
 * of one browser.
 */
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { Phone, type CallId } from '../../../renderer/src/phone';
import { PhoneStore } from '../../../renderer/src/state/phone-store';
import { toneStream } from '../../support/browser-audio';

export interface BenchConfig {
  readonly wsUrl: string;
  readonly uri: string;
  readonly password: string;
}

export interface Timing {
  readonly incomingAt: number;
  readonly answeredAt: number;
  readonly firstPacketAt: number;
}

const now = () => performance.timeOrigin + performance.now();

async function firstInboundPacket(getStats: () => Promise<RTCStatsReport | undefined>): Promise<number> {
  for (;;) {
    const stats = await getStats();
    for (const s of stats?.values() ?? []) {
      if (s.type === 'inbound-rtp' && s.kind === 'audio' && (s.packetsReceived ?? 0) > 0) return now();
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}

interface BenchAgent {
  start(config: BenchConfig): Promise<void>;
  /** Resolves when the next call is visible, then answers it and times the first audio packet. */
  takeNextCall(): Promise<Timing>;
  hangup(): Promise<void>;
}

class AppAgent implements BenchAgent {
  readonly #phone = new Phone({ getLocalStream: async () => toneStream(440) });
  readonly #store = new PhoneStore(this.#phone);
  #callId: CallId | undefined;

  async start(config: BenchConfig): Promise<void> {
    this.#phone.configure({ serverUrl: config.wsUrl, sipUri: config.uri, password: config.password });
    this.#phone.start();
    await new Promise<void>((resolve) => {
      const stop = this.#store.subscribe(() => {
        if (this.#store.getSnapshot().registration.state === 'registered') {
          stop();
          resolve();
        }
      });
    });
  }

  takeNextCall(): Promise<Timing> {
    return new Promise((resolve) => {
      const stop = this.#store.subscribe(() => {
        const offered = this.#store.getSnapshot().calls.find((c) => c.call.phase === 'offered');
        if (!offered) return;
        const incomingAt = now();
        stop();
        const callId = offered.info.callId;
        this.#callId = callId;
        void (async () => {
          const answeredAt = now();
          await this.#store.answer(callId);
          const firstPacketAt = await firstInboundPacket(() => this.#phone.getStats(callId));
          resolve({ incomingAt, answeredAt, firstPacketAt });
        })();
      });
    });
  }

  /** Hangs up and ends wrap-up at once, so the next call is offered. */
  async hangup(): Promise<void> {
    if (this.#callId) this.#store.hangup(this.#callId);
    await new Promise<void>((resolve) => {
      const check = () => {
        if (this.#store.getSnapshot().agent.kind !== 'wrap-up') return false;
        this.#store.finishWrapUp();
        resolve();
        return true;
      };
      if (check()) return;
      const stop = this.#store.subscribe(() => check() && stop());
    });
  }
}

class BareJsSipAgent implements BenchAgent {
  #session: RTCSession | undefined;
  #onSession: ((session: RTCSession) => void) | undefined;

  async start(config: BenchConfig): Promise<void> {
    const ua = new UA({
      sockets: [new WebSocketInterface(config.wsUrl)],
      uri: config.uri,
      password: config.password,
      register: true,
    });
    ua.on('newRTCSession', (e: RTCSessionEvent) => {
      if (e.originator === 'remote') this.#onSession?.(e.session);
    });
    await new Promise<void>((resolve) => {
      ua.on('registered', () => resolve());
      ua.start();
    });
  }

  takeNextCall(): Promise<Timing> {
    return new Promise((resolve) => {
      this.#onSession = (session) => {
        const incomingAt = now();
        this.#onSession = undefined;
        this.#session = session;
        void (async () => {
          const answeredAt = now();
          session.answer({ mediaStream: toneStream(440), mediaConstraints: { audio: true, video: false } });
          const firstPacketAt = await firstInboundPacket(async () => session.connection?.getStats());
          resolve({ incomingAt, answeredAt, firstPacketAt });
        })();
      };
    });
  }

  async hangup(): Promise<void> {
    if (this.#session && !this.#session.isEnded()) this.#session.terminate();
  }
}

declare global {
  interface Window {
    benchAgent: { app: BenchAgent; bare: BenchAgent };
  }
}
window.benchAgent = { app: new AppAgent(), bare: new BareJsSipAgent() };
