import { describe, expect, it } from 'vitest';
import { MicrophoneTracks } from './media';

const track = () => {
  const t = { stopped: false, stop: () => (t.stopped = true) };
  return t;
};
const streamOf = (...tracks: ReturnType<typeof track>[]) => ({ getTracks: () => tracks }) as unknown as MediaStream;
const asTrack = (t: ReturnType<typeof track>) => t as unknown as MediaStreamTrack;

describe('MicrophoneTracks', () => {
  it('stops the tracks opened for a call when it ends', () => {
    const tracks = new MicrophoneTracks();
    const mic = track();
    tracks.opened('a', streamOf(mic));
    tracks.ended('a', []);
    expect(mic.stopped).toBe(true);
  });

  it('keeps a track another call still sends (a warm transfer answered with the same microphone)', () => {
    const tracks = new MicrophoneTracks();
    const mic = track();
    tracks.opened('consult', streamOf(mic));
    tracks.ended('consult', [{ id: 'customer', sending: [asTrack(mic)] }]);
    expect(mic.stopped).toBe(false);
  });

  it("keeps another call's own tracks while they are swapped for a mix, and ignores calls it did not open", () => {
    const tracks = new MicrophoneTracks();
    const micA = track();
    const micB = track();
    tracks.opened('a', streamOf(micA));
    tracks.opened('b', streamOf(micB));
    tracks.ended('a', [{ id: 'b', sending: [null] }]);
    expect(micA.stopped).toBe(true);
    expect(micB.stopped).toBe(false);
    tracks.ended('unknown', []);
    tracks.ended('b', []);
    expect(micB.stopped).toBe(true);
  });
});
