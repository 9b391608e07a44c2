import { describe, expect, it } from 'vitest';
import { localeFormats } from './locale-format';

// 6 December 2026, 16:05 local time.
const at = new Date(2026, 11, 6, 16, 5).getTime();

describe('dates and numbers in the UI language', () => {
  it('Dutch writes day-month-year on a 24-hour clock and a decimal comma, not US dates', () => {
    const nl = localeFormats('nl');
    expect(nl.dateTime(at)).toMatch(/^06?-12-(20)?26,? 16:05$/);
    expect(nl.decimal(3.46)).toBe('3,5');
  });

  it('Danish and Norwegian put the day first and use a decimal comma', () => {
    for (const language of ['da', 'nb']) {
      const f = localeFormats(language);
      expect(f.dateTime(at), language).toMatch(/^0?6\.0?12\.(20)?26/);
      expect(f.decimal(3.46), language).toBe('3,5');
    }
  });

  it('English keeps month/day and a decimal point', () => {
    const en = localeFormats('en');
    expect(en.dateTime(at)).toMatch(/^12\/6\/26/);
    expect(en.decimal(3.46)).toBe('3.5');
    expect(en.decimal(2, 2)).toBe('2.00');
  });

  it('makes the formatters of a language once', () => {
    expect(localeFormats('nl')).toBe(localeFormats('nl'));
  });
});
