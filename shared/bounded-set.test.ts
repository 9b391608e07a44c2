import { describe, expect, it } from 'vitest';
import { addBounded } from './bounded-set';

describe('addBounded', () => {
  it('keeps at most max values, forgetting the oldest first', () => {
    const set = new Set<string>();
    for (let i = 0; i < 1_000; i += 1) addBounded(set, `id-${i}`, 64);
    expect(set.size).toBe(64);
    expect(set.has('id-999')).toBe(true);
    expect(set.has('id-936')).toBe(true);
    expect(set.has('id-935')).toBe(false);
  });

  it('a value added again counts as the newest', () => {
    const set = new Set(['a', 'b', 'c']);
    addBounded(set, 'a', 3);
    addBounded(set, 'd', 3);
    expect([...set]).toEqual(['c', 'a', 'd']);
  });
});
