import { describe, expect, it } from 'vitest';
import { swapSenderTrack, type TrackSender } from './sender-track';

const track = (id: string, enabled = true) => ({ id, enabled }) as unknown as MediaStreamTrack;

function sender(initial: MediaStreamTrack): TrackSender & { track: MediaStreamTrack | null } {
  const s = {
    track: initial as MediaStreamTrack | null,
    replaceTrack: async (next: MediaStreamTrack | null) => {
      s.track = next;
    },
  };
  return s;
}

/** What JsSIP's session.mute() does: disable the audio sender's current track. */
const mute = (s: TrackSender) => {
  if (s.track) s.track.enabled = false;
};

describe('swapping the track a call sends for a mix, and back', () => {
  it('a mute pressed during the mix stays when the microphone comes back', async () => {
    const mic = track('mic');
    const s = sender(mic);
    const restore = await swapSenderTrack(s, track('mix'));
    expect(s.track?.id).toBe('mix');
    mute(s);
    await restore?.();
    expect(s.track?.id).toBe('mic');
    expect(mic.enabled).toBe(false);
  });

  it('a call muted before the mix sends a muted mix, and an unmute during it carries back', async () => {
    const s = sender(track('mic', false));
    const mix = track('mix');
    const restore = await swapSenderTrack(s, mix);
    expect(mix.enabled).toBe(false);
    mix.enabled = true;
    await restore?.();
    expect(s.track?.enabled).toBe(true);
  });

  it('does nothing on a sender without a track', async () => {
    const s = { track: null, replaceTrack: async () => undefined };
    expect(await swapSenderTrack(s, track('mix'))).toBeUndefined();
  });
});
