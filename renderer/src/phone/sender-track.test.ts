import { describe, expect, it } from 'vitest';
import { swapSenderTrack, watchSenderTrack, type TrackSender } from './sender-track';

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
    const restore = await swapSenderTrack(s, track('mix'), () => undefined);
    expect(s.track?.id).toBe('mix');
    mute(s);
    await restore?.();
    expect(s.track?.id).toBe('mic');
    expect(mic.enabled).toBe(false);
  });

  it('a call muted before the mix sends a muted mix, and an unmute during it carries back', async () => {
    const s = sender(track('mic', false));
    const mix = track('mix');
    const restore = await swapSenderTrack(s, mix, () => undefined);
    expect(mix.enabled).toBe(false);
    mix.enabled = true;
    await restore?.();
    expect(s.track?.enabled).toBe(true);
  });

  it("a mute during the mix switches off only the microphone's path, never the mix the others speak through", async () => {
    const mic = track('mic');
    const s = sender(mic);
    const path: boolean[] = [];
    const mix = track('mix');
    const restore = await swapSenderTrack(s, mix, (on) => path.push(on));
    mute(s);
    expect(path).toEqual([true, false]);
    // The mix reads as muted (JsSIP reads its `enabled`) while the microphone itself stays on for other paths.
    expect(mix.enabled).toBe(false);
    expect(mic.enabled).toBe(true);
    s.track!.enabled = true;
    expect(path).toEqual([true, false, true]);
    await restore?.();
    expect(mic.enabled).toBe(true);
  });

  it('a call muted before the mix starts with the microphone path off, and the microphone itself on for other paths', async () => {
    const mic = track('mic', false);
    const path: boolean[] = [];
    await swapSenderTrack(sender(mic), track('mix'), (on) => path.push(on));
    expect(path).toEqual([false]);
    expect(mic.enabled).toBe(true);
  });

  it('does nothing on a sender without a track', async () => {
    const s = { track: null, replaceTrack: async () => undefined };
    expect(await swapSenderTrack(s, track('mix'), () => undefined)).toBeUndefined();
  });

  it('a watcher (the recording) is told each track the call sends, before it is sent, muted or not', async () => {
    const mic = track('mic', false);
    const s = sender(mic);
    const told: string[] = [];
    const unwatch = watchSenderTrack(s, (t) => told.push(`${t.id} sent:${s.track?.id} mic:${mic.enabled}`));
    const restore = await swapSenderTrack(s, track('mix'), () => undefined);
    // Told before the microphone is switched on for the mix's other paths: a recording never has it unmuted.
    expect(told).toEqual(['mix sent:mic mic:false']);
    await restore?.();
    expect(told).toEqual(['mix sent:mic mic:false', 'mic sent:mix mic:false']);
    unwatch();
    await swapSenderTrack(s, track('mix2'), () => undefined);
    expect(told).toHaveLength(2);
  });
});
