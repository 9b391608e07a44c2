/** Plays the active call into the headset element; autoplay refusals are the app's to handle. */
export function playRemote(element: HTMLMediaElement | undefined, stream: MediaStream | undefined): void {
  if (!element || !stream || element.srcObject === stream) return;
  element.srcObject = stream;
  element.play().catch(() => {
    // The first ring of the day may need a user gesture (autoplay rules); media still flows.
  });
}

/** The microphone for a call: the caller's stream, the app's device choice, or the default mic. */
export async function localStream(
  given: MediaStream | undefined,
  acquire: (() => Promise<MediaStream>) | undefined,
): Promise<MediaStream | undefined> {
  if (given) return given;
  try {
    return await (acquire?.() ?? navigator.mediaDevices.getUserMedia({ audio: true, video: false }));
  } catch {
    return undefined;
  }
}

/**
 * The microphone tracks the phone opened for its calls, each stopped when the last call that sends it
 * ends: a track left live keeps the microphone capturing (the browser shows it in use) and its audio
 * processing running between calls, a fifth of a core on the bench (issue 19). Streams a caller passed
 * in are the caller's to stop.
 */
export class MicrophoneTracks {
  readonly #byCall = new Map<string, readonly MediaStreamTrack[]>();

  /** `stream` was opened by the phone for `callId`. */
  opened(callId: string, stream: MediaStream): void {
    this.#byCall.set(callId, stream.getTracks());
  }

  /** The call ended: stops its tracks, except those still sent or held by the calls that remain. */
  ended(
    callId: string,
    remaining: Iterable<{ readonly id: string; readonly sending: readonly (MediaStreamTrack | null)[] }>,
  ): void {
    const tracks = this.#byCall.get(callId);
    this.#byCall.delete(callId);
    if (!tracks) return;
    const inUse = new Set<MediaStreamTrack | null>();
    for (const call of remaining) {
      for (const track of call.sending) inUse.add(track);
      for (const track of this.#byCall.get(call.id) ?? []) inUse.add(track);
    }
    for (const track of tracks) if (!inUse.has(track)) track.stop();
  }
}

/**
 * A Web Audio source of a remote WebRTC stream. Chromium feeds one into Web Audio only while a
 * media element plays it: a muted element plays it, kept in `keepAlive` until the graph stops.
 */
export function remoteSource(
  context: AudioContext,
  stream: MediaStream,
  keepAlive: HTMLAudioElement[],
): MediaStreamAudioSourceNode {
  const element = new Audio();
  element.muted = true;
  element.srcObject = stream;
  void element.play().catch(() => undefined);
  keepAlive.push(element);
  return context.createMediaStreamSource(stream);
}
