/**
 * Test page for the phone engine: our Phone (JsSIP inside) with a tone generator as its
 * microphone, driven from the test through `window.engine`. No React, no app: the engine alone.
 */
import { Phone, type CallId, type PhoneConfig, type PhoneEvent } from '../../renderer/src/phone';
import { mediaPathOf, type MediaPath } from '../../renderer/src/phone/ice';
import { hears, inboundAudioBytes, readTone, toneStream, type ToneReading } from '../support/browser-audio';

const remoteAudio = document.getElementById('remote') as HTMLAudioElement;

class EnginePage {
  readonly events: PhoneEvent[] = [];
  readonly errors: string[] = [];
  /** Streams the engine opened from the (fake) microphone itself, as the app's calls get theirs. */
  readonly #microphones: MediaStream[] = [];
  #phone = new Phone({
    remoteAudio,
    userAgent: 'Warmline e2e',
    getLocalStream: async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      this.#microphones.push(stream);
      return stream;
    },
  });
  #toneHz = 0;
  /** When the last call() started (performance.timeOrigin + now), to time call set-up from the page itself. */
  lastDialAt = 0;

  constructor() {
    this.#phone.on((event) => this.events.push(event));
    window.addEventListener('error', (e) => this.errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => this.errors.push(String(e.reason)));
  }

  start(config: PhoneConfig, toneHz: number): string | undefined {
    this.#toneHz = toneHz;
    const configured = this.#phone.configure(config);
    if (!configured.ok) return configured.error.join(',');
    const started = this.#phone.start();
    return started.ok ? undefined : started.error;
  }

  stop(): Promise<void> {
    return this.#phone.stop();
  }

  setAvailable(available: boolean): void {
    this.#phone.setAvailable(available);
  }

  async answer(callId: CallId): Promise<string | undefined> {
    const result = await this.#phone.answer(callId, { localStream: toneStream(this.#toneHz) });
    return result.ok ? undefined : result.error;
  }

  /** Answers with the microphone, as the app does (the engine opens it), not with a test tone. */
  async answerFromMicrophone(callId: CallId): Promise<string | undefined> {
    const result = await this.#phone.answer(callId);
    return result.ok ? undefined : result.error;
  }

  /** Microphone tracks the engine opened that still capture. */
  liveMicrophoneTracks(): number {
    return this.#microphones.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
  }

  async call(target: string): Promise<string> {
    this.lastDialAt = performance.timeOrigin + performance.now();
    const result = await this.#phone.call(target, { localStream: toneStream(this.#toneHz) });
    if (!result.ok) throw new Error(result.error);
    return result.value;
  }

  command(name: 'reject' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute' | 'keepTrying', callId: CallId): string | undefined {
    const result = this.#phone[name](callId);
    return result.ok ? undefined : result.error;
  }

  sendDtmf(callId: CallId, digits: string, transport: 'rfc4733' | 'info'): string | undefined {
    const result = this.#phone.sendDtmf(callId, digits, transport);
    return result.ok ? undefined : result.error;
  }

  transferAttended(callId: CallId, consultId: CallId): string | undefined {
    const result = this.#phone.transferAttended(callId, consultId);
    return result.ok ? undefined : result.error;
  }

  hear(callId: CallId): ToneReading & { readonly stream: boolean } {
    const stream = this.#phone.remoteStream(callId);
    if (!stream) return { peakHz: 0, peakDb: -200, stream: false };
    return { ...readTone(stream), stream: true };
  }

  hearsTone(callId: CallId, frequency: number): boolean {
    return hears(this.hear(callId), frequency);
  }

  /** The audio element the engine plays the active call into (the headset). */
  playing(): boolean {
    return remoteAudio.srcObject instanceof MediaStream;
  }

  /** The candidate pair the call's audio uses now (host/srflx/relay, the local address). */
  async mediaPath(callId: CallId): Promise<MediaPath | undefined> {
    const stats = await this.#phone.getStats(callId);
    return stats ? mediaPathOf(stats) : undefined;
  }

  async inboundBytes(callId: CallId): Promise<number> {
    const stats = await this.#phone.getStats(callId);
    if (!stats) return 0;
    return inboundAudioBytes({ getStats: async () => stats } as RTCPeerConnection);
  }
}

declare global {
  interface Window {
    engine: EnginePage;
  }
}
window.engine = new EnginePage();
