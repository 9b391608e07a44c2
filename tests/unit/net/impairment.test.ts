import { describe, expect, it } from 'vitest';
import { checkedSettings, impairer, NO_IMPAIRMENT, seededRandom, type Verdict } from '../../support/net/impairment';

const run = (seed: number, n: number, settings = NO_IMPAIRMENT): Verdict[] => {
  const next = impairer(seed);
  return Array.from({ length: n }, () => next(settings));
};

describe('the seeded impairment of a UDP path', () => {
  it('gives the same verdicts for the same seed, other ones for another seed', () => {
    const lossy = checkedSettings({ loss: 0.05, duplicate: 0.02, jitterMs: 20 });
    expect(run(7, 500, lossy)).toEqual(run(7, 500, lossy));
    expect(run(7, 500, lossy)).not.toEqual(run(8, 500, lossy));
  });

  it('drops about the share asked for, and nothing at no loss', () => {
    const drops = (loss: number): number => run(42, 10_000, checkedSettings({ loss })).filter((v) => v.drop).length;
    expect(drops(0)).toBe(0);
    expect(drops(1)).toBe(10_000);
    const five = drops(0.05);
    expect(five).toBeGreaterThan(400);
    expect(five).toBeLessThan(600);
  });

  it('duplicates, delays and holds back packets for reordering as set', () => {
    const verdicts = run(3, 2_000, checkedSettings({ duplicate: 0.1, delayMs: 30, reorder: 0.1, reorderMs: 50 }));
    const kept = verdicts.filter((v): v is Extract<Verdict, { drop: false }> => !v.drop);
    expect(kept).toHaveLength(2_000);
    const copies = kept.filter((v) => v.delaysMs.length === 2).length;
    expect(copies).toBeGreaterThan(150);
    expect(copies).toBeLessThan(250);
    const delays = new Set(kept.map((v) => v.delaysMs[0]));
    expect([...delays].sort()).toEqual([30, 80]);
  });

  it('a change of settings mid-run does not shift the draws of later packets', () => {
    const a = impairer(11);
    const b = impairer(11);
    for (let i = 0; i < 100; i += 1) {
      a(checkedSettings({ loss: 0.5 }));
      b(NO_IMPAIRMENT);
    }
    const dup = checkedSettings({ duplicate: 0.3 });
    expect(Array.from({ length: 100 }, () => a(dup))).toEqual(Array.from({ length: 100 }, () => b(dup)));
  });

  it('clamps settings from outside their ranges', () => {
    expect(checkedSettings({ loss: 7, duplicate: -1, delayMs: Number.NaN, jitterMs: 1e9 })).toMatchObject({
      loss: 1,
      duplicate: 0,
      delayMs: 0,
      jitterMs: 10_000,
    });
  });

  it('the generator is uniform enough in [0, 1)', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const low = draws.filter((d) => d < 0.5).length;
    expect(low).toBeGreaterThan(4_800);
    expect(low).toBeLessThan(5_200);
  });
});
