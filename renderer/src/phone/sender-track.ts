/** The part of an RTCRtpSender a track swap uses (a fake in unit tests). */
export interface TrackSender {
  readonly track: MediaStreamTrack | null;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

/**
 * Sends `next` (a Web Audio mix: a three-way call, a supervised call) in place of the sender's
 * track, and returns how to give the old track back. JsSIP's mute disables whatever track the
 * sender has at that moment, so the mute travels with each swap: the mix starts muted when the
 * agent was, and the microphone comes back muted when the agent muted during the mix. Without
 * that, a mute pressed in a three-way call or while a supervisor listened was undone when the mix
 * ended: the customer heard the agent again while the call card still said Muted.
 */
export async function swapSenderTrack(sender: TrackSender, next: MediaStreamTrack): Promise<(() => Promise<void>) | undefined> {
  const original = sender.track;
  if (!original) return undefined;
  next.enabled = original.enabled;
  await sender.replaceTrack(next);
  return async () => {
    original.enabled = next.enabled;
    await sender.replaceTrack(original);
  };
}
