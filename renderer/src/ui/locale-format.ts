import { useTranslation } from '../i18n';

/** Dates, times and numbers as the UI language writes them (issue 18: the Dutch UI showed US dates). */
export interface LocaleFormats {
  /** Date and time, short: "6-12-2026 16:05" in Dutch, "12/6/26, 4:05 PM" in English. */
  readonly dateTime: (at: number) => string;
  /** A number with exactly `digits` decimals: "3,5" in Dutch and Danish, "3.5" in English. */
  readonly decimal: (value: number, digits?: number) => string;
}

/**
 * The UI languages (shared/locales.ts) that write a decimal comma, as CLDR has them (the unit
 * test checks every one against Intl). The others write a point.
 */
const DECIMAL_COMMA = /^(nl|da|nb)$/;

const cache = new Map<string, LocaleFormats>();

/**
 * The formats of one language, made once and kept; the date formatter only when first used: an
 * Intl formatter is costly to construct, and the first one in the page loads ICU's formatting data,
 * about 1.2 MB of the renderer's memory (issue 19: USS). The status bar asks for these at start
 * and shows no date; a call's figures (MOS, loss) are small non-negative decimals, written
 * without Intl: only a date, or a negative or large number, makes a formatter.
 */
export function localeFormats(language: string): LocaleFormats {
  const cached = cache.get(language);
  if (cached) return cached;
  let dateTime: Intl.DateTimeFormat | undefined;
  const mark = DECIMAL_COMMA.test(language) ? ',' : '.';
  const formats: LocaleFormats = {
    dateTime: (at) => (dateTime ??= new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' })).format(at),
    // A negative or large number (none that the UI shows now) is rare enough to make its formatter each time.
    decimal: (value, digits = 1) =>
      plainDecimal(value, digits, mark) ??
      new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
  };
  cache.set(language, formats);
  return formats;
}

/**
 * `value` with exactly `digits` decimals (0-20) and `mark` between, rounded as Intl rounds (half
 * away from zero, on the shortest decimal that reads back as `value`: 1.005 is "1.01", where
 * toFixed says "1.00"); undefined where Intl would write more than digits and one mark (a sign,
 * a group separator from 1,000 on, an exponent).
 */
export function plainDecimal(value: number, digits: number, mark: string): string | undefined {
  const [, whole, fraction = ''] = /^(\d{1,3})(?:\.(\d+))?$/.exec(String(value)) ?? [];
  if (!whole || Object.is(value, -0)) return undefined;
  // The digits kept, as one integer, plus one when the first digit dropped is 5 or more.
  const kept =
    `${BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0')) + BigInt(fraction.charAt(digits) >= '5')}`.padStart(
      digits + 1,
      '0',
    );
  const integer = kept.slice(0, kept.length - digits);
  return integer.length > 3 ? undefined : digits ? integer + mark + kept.slice(-digits) : integer;
}

/** The UI language's formatters, for components. */
export function useLocaleFormats(): LocaleFormats {
  return localeFormats(useTranslation().language);
}
