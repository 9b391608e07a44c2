import { describe, expect, it } from 'vitest';
import { assessQuality, mosFromR, rFactor } from './e-model';

describe('E-model call quality', () => {
  it('rates a clean loopback call as good, near the codec ceiling', () => {
    const q = assessQuality({ rttMs: 2, jitterMs: 1, lossPercent: 0 });
    expect(q.level).toBe('good');
    expect(q.mos).toBeGreaterThan(4.3);
    expect(q.warnings).toEqual([]);
  });

  it('maps R to MOS as G.107 Annex B does', () => {
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(100)).toBe(4.5);
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(70)).toBeCloseTo(3.6, 1);
    expect(mosFromR(50)).toBeCloseTo(2.58, 1);
  });

  it('penalises delay past 160 ms effective latency much harder', () => {
    const before = rFactor({ rttMs: 200, jitterMs: 0, lossPercent: 0 });
    const after = rFactor({ rttMs: 500, jitterMs: 0, lossPercent: 0 });
    expect(before - after).toBeGreaterThan(10);
  });

  it('warns at the industry thresholds: jitter over 30 ms, loss over 3 %, MOS under 3.5', () => {
    expect(assessQuality({ rttMs: 20, jitterMs: 31, lossPercent: 0 }).warnings).toContain('high-jitter');
    expect(assessQuality({ rttMs: 20, jitterMs: 30, lossPercent: 0 }).warnings).not.toContain('high-jitter');
    expect(assessQuality({ rttMs: 20, jitterMs: 5, lossPercent: 3.5 }).warnings).toContain('high-loss');
    const bad = assessQuality({ rttMs: 600, jitterMs: 60, lossPercent: 10 });
    expect(bad.warnings).toEqual(['low-mos', 'high-jitter', 'high-loss']);
    expect(bad.level).toBe('poor');
  });

  it('treats missing or nonsense stats as zero instead of producing NaN', () => {
    const q = assessQuality({ rttMs: Number.NaN, jitterMs: -5, lossPercent: Infinity });
    expect(Number.isFinite(q.mos)).toBe(true);
  });
});
