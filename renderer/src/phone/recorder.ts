import type { RecordingMimeType } from '../../../shared/recording';
import { remoteSource } from './media';

/** What a call sends (the agent's microphone, or the three-way mix) and receives (the far end). */
export interface CallAudio {
  readonly sent?: MediaStreamTrack;
  readonly received?: MediaStreamTrack;
  /** Tells each track the call sends from now on (a three-way or supervision mix, the microphone again). */
  readonly watchSent?: (listener: (track: MediaStreamTrack) => void) => () => void;
}

/** Opus in WebM (Chromium), else Opus in Ogg (Firefox); undefined where neither can be recorded. */
export function recordingFormat(): { readonly mimeType: RecordingMimeType; readonly codec: string } | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  for (const mimeType of ['audio/webm', 'audio/ogg'] as const) {
    const codec = `${mimeType};codecs=opus`;
    if (MediaRecorder.isTypeSupported(codec)) return { mimeType, codec };
  }
  return undefined;
}

/** Opus at this rate is clear speech for two parties and about 4 KB a second: 32 MiB hold over two hours. */
const BITS_PER_SECOND = 32_000;
/** A chunk a second: at most a second of audio is lost when the app stops mid-call. */
const TIMESLICE_MS = 1000;

/**
 * One call's recording: both directions mixed with Web Audio into one track, encoded by
 * MediaRecorder. Encoded chunks go to `onData` in order; nothing here touches the disk.
 */
export class CallRecorder {
  readonly #context = new AudioContext();
  readonly #recorder: MediaRecorder;
  /** Chromium feeds a remote WebRTC track into Web Audio only while a media element plays it. */
  readonly #keepAlive: HTMLAudioElement[] = [];
  readonly #stopped: Promise<void>;
  readonly #unwatch: (() => void) | undefined;

  private constructor(audio: CallAudio, codec: string, onData: (chunk: Blob) => void) {
    const mix = this.#context.createMediaStreamDestination();
    if (audio.received) remoteSource(this.#context, new MediaStream([audio.received]), this.#keepAlive).connect(mix);
    // What the call sends, followed across mixes: the microphone stays enabled under a mix (a
    // supervisor hears a muted agent), so recording it would keep a muted agent's voice.
    let sent: AudioNode | undefined;
    const record = (track: MediaStreamTrack) => {
      sent?.disconnect();
      sent = this.#context.createMediaStreamSource(new MediaStream([track]));
      sent.connect(mix);
    };
    if (audio.sent) record(audio.sent);
    this.#unwatch = audio.watchSent?.(record);
    this.#recorder = new MediaRecorder(mix.stream, { mimeType: codec, audioBitsPerSecond: BITS_PER_SECOND });
    this.#recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) onData(event.data);
    });
    this.#stopped = new Promise((resolve) => this.#recorder.addEventListener('stop', () => resolve(), { once: true }));
  }

  static async start(audio: CallAudio, codec: string, onData: (chunk: Blob) => void): Promise<CallRecorder> {
    const recorder = new CallRecorder(audio, codec, onData);
    await recorder.#context.resume();
    recorder.#recorder.start(TIMESLICE_MS);
    return recorder;
  }

  /** Stops and flushes: the last chunk has gone to `onData` when this resolves. */
  async stop(): Promise<void> {
    this.#unwatch?.();
    if (this.#recorder.state !== 'inactive') this.#recorder.stop();
    await this.#stopped;
    for (const element of this.#keepAlive.splice(0)) element.srcObject = null;
    await this.#context.close().catch(() => undefined);
  }
}
