import { describe, expect, it } from 'vitest';
import { formatCount, formatDurationWords, formatRate } from './figures-format';

describe("the agent's figures, formatted per language", () => {
  it('writes durations with the unit words of the language, largest first, zero parts left out', () => {
    expect(formatDurationWords(270_000, 'en')).toBe('4 min 30 sec');
    expect(formatDurationWords(270_000, 'da')).toBe('4 min. og 30 sek.');
    expect(formatDurationWords(240_400, 'nb')).toBe('4 min');
    expect(formatDurationWords(3_725_000, 'en')).toBe('1 hr 2 min 5 sec');
    expect(formatDurationWords(0, 'nl')).toBe('0 sec');
    expect(formatDurationWords(-5, 'en')).toBe('0 sec');
  });

  it('writes rates as percentages and counts with the local separators', () => {
    expect(formatRate(1 / 3, 'en')).toBe('33.3%');
    expect(formatRate(0.125, 'nl')).toBe('12,5%');
    expect(formatRate(0, 'da')).toBe('0\u00a0%');
    expect(formatCount(12_345, 'en')).toBe('12,345');
    expect(formatCount(12_345, 'nl')).toBe('12.345');
  });
});
