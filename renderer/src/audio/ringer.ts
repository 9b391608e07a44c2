import { ringtoneWav } from './ringtone';

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export type RingStart = 'playing' | 'blocked';

/**
 * Rings on the ring device (a speaker the agent hears without the headset on), apart from the
 * call audio. Browsers refuse sound before the user has touched the page; `start` says so, and
 * the UI offers a click to enable sound so the first ring of the day is never silent.
 */
export class Ringer {
  readonly #audio: SinkableAudio;
  #url: string | undefined;

  constructor(doc: Document = document) {
    this.#audio = doc.createElement('audio') as SinkableAudio;
    this.#audio.loop = true;
    this.#audio.preload = 'auto';
  }

  async setSink(deviceId: string): Promise<boolean> {
    if (!this.#audio.setSinkId) return false;
    try {
      await this.#audio.setSinkId(deviceId);
      return true;
    } catch {
      return false;
    }
  }

  async start(): Promise<RingStart> {
    if (!this.#url) {
      const bytes = ringtoneWav();
      this.#url = URL.createObjectURL(new Blob([bytes.buffer as ArrayBuffer], { type: 'audio/wav' }));
    }
    // Set again on every ring: stop() takes it away.
    if (!this.#audio.hasAttribute('src')) this.#audio.src = this.#url;
    this.#audio.currentTime = 0;
    try {
      await this.#audio.play();
      return 'playing';
    } catch {
      return 'blocked';
    }
  }

  /**
   * Silent, and holding nothing: an element with a source keeps its media player (the decoded
   * tone, an audio output stream) for as long as the page lives, so only pausing kept it through
   * every call after the first ring (issue 19, the renderer's memory in a call). The next ring
   * loads the tone again from the same blob.
   */
  stop(): void {
    this.#audio.pause();
    if (!this.#audio.hasAttribute('src')) return;
    this.#audio.removeAttribute('src');
    this.#audio.load();
  }

  get ringing(): boolean {
    return !this.#audio.paused;
  }
}
