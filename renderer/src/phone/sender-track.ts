/** The part of an RTCRtpSender a track swap uses (a fake in unit tests). */
export interface TrackSender {
  readonly track: MediaStreamTrack | null;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

type TrackListener = (track: MediaStreamTrack) => void;
const watchers = new WeakMap<TrackSender, Set<TrackListener>>();

/**
 * Tells `listener` each track a mix swap makes `sender` send, before it is sent: a recording
 * follows what the call carries (the mix, where a muted agent is silent), not the microphone.
 */
export function watchSenderTrack(sender: TrackSender, listener: TrackListener): () => void {
  const set = watchers.get(sender) ?? new Set();
  watchers.set(sender, set.add(listener));
  return () => set.delete(listener);
}

const sending = (sender: TrackSender, track: MediaStreamTrack) => watchers.get(sender)?.forEach((listener) => listener(track));

/**
 * Sends `next` (a Web Audio mix: a three-way call, a supervised call) in place of the sender's
 * microphone track, and returns how to give the microphone back. `microphone(on)` switches the
 * microphone's path into that mix (a gain node).
 *
 * JsSIP's mute disables whatever track the sender has at that moment. Disabling the mix itself
 * silenced everyone in it: in a three-way call the customer and the senior stopped hearing each
 * other, in barge the customer stopped hearing the supervisor. So, for as long as the mix is
 * sent, the mix track's `enabled` is the agent's mute of this call: it switches only the
 * microphone's path, and the mix track itself keeps sending. The microphone track stays enabled
 * meanwhile, as it may feed other paths (a supervisor hears the agent whatever the customer does).
 * The mute travels with each swap: the mix starts muted when the agent was, and the microphone
 * comes back muted when the agent muted during the mix (else the customer heard the agent again
 * while the call card still said Muted).
 */
export async function swapSenderTrack(
  sender: TrackSender,
  next: MediaStreamTrack,
  microphone: (on: boolean) => void,
): Promise<(() => Promise<void>) | undefined> {
  const original = sender.track;
  if (!original) return undefined;
  let on = original.enabled;
  microphone(on);
  sending(sender, next);
  original.enabled = true;
  Object.defineProperty(next, 'enabled', {
    configurable: true,
    get: () => on,
    set: (value: boolean) => {
      on = value;
      microphone(value);
    },
  });
  await sender.replaceTrack(next);
  return async () => {
    original.enabled = on;
    sending(sender, original);
    await sender.replaceTrack(original);
  };
}
