import { useTranslation } from '../i18n';

/** Dates, times and numbers as the UI language writes them (issue 18: the Dutch UI showed US dates). */
export interface LocaleFormats {
  /** Date and time, short: "6-12-2026 16:05" in Dutch, "12/6/26, 4:05 PM" in English. */
  readonly dateTime: (at: number) => string;
  /** A number with exactly `digits` decimals: "3,5" in Dutch and Danish, "3.5" in English. */
  readonly decimal: (value: number, digits?: number) => string;
}

const cache = new Map<string, LocaleFormats>();

/** The formatters of one language, made once and kept: Intl formatters are costly to construct. */
export function localeFormats(language: string): LocaleFormats {
  const cached = cache.get(language);
  if (cached) return cached;
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const decimals = new Map<number, Intl.NumberFormat>();
  const formats: LocaleFormats = {
    dateTime: (at) => dateTime.format(at),
    decimal: (value, digits = 1) => {
      let format = decimals.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        decimals.set(digits, format);
      }
      return format.format(value);
    },
  };
  cache.set(language, formats);
  return formats;
}

/** The UI language's formatters, for components. */
export function useLocaleFormats(): LocaleFormats {
  return localeFormats(useTranslation().language);
}
