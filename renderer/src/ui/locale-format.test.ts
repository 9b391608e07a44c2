import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../shared/locales';
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

describe('no Intl formatter until one is needed (issue 19: ICU data is ~1.2 MB of the renderer)', () => {
  /** Counts the Intl formatters made while `run` runs. */
  const madeSoFar: string[] = [];
  function formattersMade(run: () => void): string[] {
    const made = madeSoFar;
    made.length = 0;
    const { DateTimeFormat, NumberFormat } = Intl;
    Intl.DateTimeFormat = class extends DateTimeFormat {
      constructor(...args: ConstructorParameters<typeof DateTimeFormat>) {
        super(...args);
        made.push('DateTimeFormat');
      }
    } as typeof Intl.DateTimeFormat;
    Intl.NumberFormat = class extends NumberFormat {
      constructor(...args: ConstructorParameters<typeof NumberFormat>) {
        super(...args);
        made.push('NumberFormat');
      }
    } as typeof Intl.NumberFormat;
    try {
      run();
    } finally {
      Intl.DateTimeFormat = DateTimeFormat;
      Intl.NumberFormat = NumberFormat;
    }
    return [...made];
  }

  it("a language's formats, and a call's figures (MOS, loss) in them, make none", () => {
    const made = formattersMade(() => {
      const f = localeFormats('da');
      expect(f.decimal(4.38)).toBe('4,4');
      expect(f.decimal(0)).toBe('0,0');
      expect(f.decimal(12.25, 2)).toBe('12,25');
    });
    expect(made).toEqual([]);
  });

  it('a date makes its formatter once; a negative or grouped number makes a number format each time', () => {
    const negative = new Intl.NumberFormat('tl', { minimumFractionDigits: 1 }).format(-1.5);
    const made = formattersMade(() => {
      const f = localeFormats('tl');
      expect(madeSoFar).toEqual([]);
      f.dateTime(at);
      f.dateTime(at);
      expect(f.decimal(-1.5)).toBe(negative);
      expect(f.decimal(1234.5)).toBe('1,234.5');
    });
    expect(made).toEqual(['DateTimeFormat', 'NumberFormat', 'NumberFormat']);
  });

  it('writes what Intl writes, in every UI language, for every digit count and tricky rounding', () => {
    const tricky = [0, -0, 0.05, 0.045, 0.5, 0.95, 1.005, 1.5, 2.5, 2.675, 3.46, 4.449, 9.995, 99.95, 999.4, 999.5, 999.95];
    const sweep = Array.from({ length: 2_000 }, (_, i) => (i * 49.997) / 100);
    for (const language of LOCALES) {
      const f = localeFormats(language);
      for (const digits of [0, 1, 2]) {
        const intl = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        for (const value of [...tricky, ...sweep, 1e-7, 5e-7]) {
          expect(f.decimal(value, digits), `${language} ${value} ${digits}`).toBe(intl.format(value));
        }
      }
    }
  });
});
