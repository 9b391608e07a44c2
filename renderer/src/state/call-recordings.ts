import { RECORDING_LIMITS, type RecordingMimeType } from '../../../shared/recording/limits';
import type { HostApi } from '../host';
import type { CallAudio, CallId, PhoneListener } from '../phone';

type MaybePromise<T> = T | Promise<T>;

/** What recording needs of the phone: its events and a call's audio tracks. */
export interface RecordedPhone {
  on(listener: PhoneListener): () => void;
  callAudio(callId: CallId): CallAudio | undefined;
}

/** A running encoder (the phone's CallRecorder), made by `start` with where its chunks go. */
export interface Encoder {
  stop(): Promise<void>;
}

export interface RecordingDeps {
  readonly phone: RecordedPhone;
  readonly host: Pick<HostApi, 'startRecording' | 'appendRecording' | 'finishRecording' | 'logError'>;
  /** The format this browser records in; undefined where it cannot record. May load the encoder's code first. */
  readonly format: () => MaybePromise<{ readonly mimeType: RecordingMimeType; readonly codec: string } | undefined>;
  readonly start: (audio: CallAudio, codec: string, onData: (chunk: Blob) => void) => Promise<Encoder>;
}

interface Session {
  recordingId?: string;
  encoder?: Encoder;
  offset: number;
  /** Chunks are sent one after another, in order: each names the offset the previous one ended at. */
  upload: Promise<void>;
  stopped: boolean;
  /** Settles when starting is over, started or not. */
  readonly ready: Promise<void>;
}

/** Base64 of bytes, in slices: a spread of a whole chunk could pass the engine's argument limit. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

/**
 * Records every answered call while Settings say so (off by default), streaming the encoded
 * audio to the host, and says which calls are being recorded (the call card's indicator). A call
 * is recorded from its answer to its end; the host decides the file and enforces the size cap.
 */
export class CallRecordings {
  #enabled = false;
  readonly #sessions = new Map<CallId, Session>();
  readonly #listeners = new Set<() => void>();
  #snapshot: ReadonlySet<CallId> = new Set();

  constructor(private readonly deps: RecordingDeps) {
    deps.phone.on((event) => {
      if (event.type === 'answered') void this.#begin(event.callId);
      if (event.type === 'ended') void this.#end(event.callId);
    });
  }

  /** From Settings; calls already being recorded go on to their end. */
  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The calls being recorded right now (a new set on every change). */
  readonly getSnapshot = (): ReadonlySet<CallId> => this.#snapshot;

  #publish(): void {
    this.#snapshot = new Set([...this.#sessions].filter(([, s]) => s.encoder && !s.stopped).map(([id]) => id));
    for (const listener of this.#listeners) listener();
  }

  #log(message: string): void {
    void this.deps.host.logError({ message: `recording: ${message}` });
  }

  async #begin(callId: CallId): Promise<void> {
    if (!this.#enabled || this.#sessions.has(callId)) return;
    let ready = () => {};
    const session: Session = {
      offset: 0,
      upload: Promise.resolve(),
      stopped: false,
      ready: new Promise<void>((resolve) => (ready = resolve)),
    };
    // Taken before the first await, so a second 'answered' for the call starts nothing.
    this.#sessions.set(callId, session);
    try {
      // The encoder's code loads with the first recorded call (it is not in the start chunk).
      const format = await this.deps.format();
      // The call ended meanwhile: #end has already let it go.
      if (session.stopped) return;
      const audio = this.deps.phone.callAudio(callId);
      if (!format || !audio) {
        this.#sessions.delete(callId);
        this.#log(format ? 'the call has no audio to record' : 'this browser cannot record Opus');
        return;
      }
      const started = await this.deps.host.startRecording({ callId, mimeType: format.mimeType });
      if (!started.ok) {
        this.#sessions.delete(callId);
        this.#log(`not started: ${started.error.message}`);
        return;
      }
      session.recordingId = started.value.recordingId;
      // The call may have ended while the host opened the file: #end closes it, with nothing in it.
      if (session.stopped) return;
      session.encoder = await this.deps.start(audio, format.codec, (chunk) => {
        session.upload = session.upload.then(() => this.#send(session, chunk));
      });
      this.#publish();
    } catch (error) {
      this.#log(`not started: ${String(error)}`);
    } finally {
      ready();
    }
  }

  async #send(session: Session, chunk: Blob): Promise<void> {
    const recordingId = session.recordingId;
    if (!recordingId || session.offset < 0) return;
    const bytes = new Uint8Array(await chunk.arrayBuffer());
    for (let i = 0; i < bytes.length; i += RECORDING_LIMITS.chunkBytes) {
      const data = toBase64(bytes.subarray(i, i + RECORDING_LIMITS.chunkBytes));
      const sent = await this.deps.host.appendRecording({ recordingId, offset: session.offset, data });
      if (!sent.ok || sent.value.truncated) {
        // Refused or full: nothing more is sent (-1 stops the queue); the call goes on unrecorded.
        this.#log(sent.ok ? 'the recording reached its size limit' : `a chunk was refused: ${sent.error.message}`);
        session.offset = -1;
        void session.encoder?.stop();
        session.stopped = true;
        this.#publish();
        return;
      }
      session.offset = sent.value.bytes;
    }
  }

  async #end(callId: CallId): Promise<void> {
    const session = this.#sessions.get(callId);
    if (!session) return;
    session.stopped = true;
    this.#sessions.delete(callId);
    this.#publish();
    // Whatever #begin was waiting for (the host, the encoder) has answered before the file is closed.
    await session.ready;
    await session.encoder?.stop();
    await session.upload;
    if (!session.recordingId) return;
    const finished = await this.deps.host.finishRecording({ recordingId: session.recordingId });
    if (!finished.ok) this.#log(`not finished: ${finished.error.message}`);
  }
}
