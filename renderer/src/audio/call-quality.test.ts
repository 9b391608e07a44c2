import { describe, expect, it } from 'vitest';
import { readQuality } from './call-quality';

const report = (received: number, lost: number, jitter = 0.004, rtt = 0.02) => [
  {
    type: 'inbound-rtp',
    id: 'in',
    kind: 'audio',
    packetsReceived: received,
    packetsLost: lost,
    jitter,
    bytesReceived: received * 160,
  },
  { type: 'remote-inbound-rtp', id: 'rin', kind: 'audio', roundTripTime: rtt },
  { type: 'inbound-rtp', id: 'vid', kind: 'video', packetsReceived: 5, packetsLost: 5 },
];

describe('reading call quality from getStats', () => {
  it('reads jitter and RTT in ms, and loss over the interval', () => {
    const first = readQuality(report(100, 0));
    expect(first?.sample).toEqual({ rttMs: 20, jitterMs: 4, lossPercent: 0 });
    const second = readQuality(report(190, 10), first?.counters);
    expect(second?.sample.lossPercent).toBeCloseTo(10, 5);
  });

  it('falls back to the candidate pair for RTT', () => {
    const stats = [
      { type: 'inbound-rtp', id: 'in', kind: 'audio', packetsReceived: 10, packetsLost: 0, jitter: 0 },
      { type: 'candidate-pair', id: 'p', nominated: true, state: 'succeeded', currentRoundTripTime: 0.05 },
    ];
    expect(readQuality(stats)?.sample.rttMs).toBe(50);
  });

  it('has nothing to say before audio arrives', () => {
    expect(readQuality([])).toBeUndefined();
  });
});
