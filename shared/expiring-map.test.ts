import { describe, expect, it } from 'vitest';
import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  it('keeps a value until its time, inclusive, then forgets it', () => {
    const map = new ExpiringMap<string>(10);
    map.set('a', 'call-1', 100);
    expect(map.get('a', 100)).toBe('call-1');
    expect(map.get('a', 101)).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('forgets the oldest entry first when full', () => {
    const map = new ExpiringMap<number>(2);
    map.set('a', 1, 1_000);
    map.set('b', 2, 1_000);
    map.set('c', 3, 1_000);
    expect(map.get('a', 0)).toBeUndefined();
    expect(map.get('b', 0)).toBe(2);
    expect(map.get('c', 0)).toBe(3);
    expect(map.size).toBe(2);
  });

  it('setting a key again makes it the newest and does not count it twice', () => {
    const map = new ExpiringMap<number>(2);
    map.set('a', 1, 1_000);
    map.set('b', 2, 1_000);
    map.set('a', 10, 1_000);
    map.set('c', 3, 1_000);
    expect(map.get('b', 0)).toBeUndefined();
    expect(map.get('a', 0)).toBe(10);
    expect(map.size).toBe(2);
  });

  it('stays bounded under a flood of fresh keys', () => {
    const map = new ExpiringMap<true>(1_000);
    for (let i = 0; i < 50_000; i += 1) map.set(`id-${i}`, true, 10_000_000);
    expect(map.size).toBe(1_000);
    expect(map.get('id-49999', 0)).toBe(true);
    expect(map.get('id-48999', 0)).toBeUndefined();
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new ExpiringMap(0)).toThrow(RangeError);
    expect(() => new ExpiringMap(1.5)).toThrow(RangeError);
  });
});
