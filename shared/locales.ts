/** The UI languages Warmline ships. `nb` is Norwegian Bokmål, `tl` Tagalog. */
export const LOCALES = ['en', 'nl', 'da', 'nb', 'tl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Each language named in itself, as language pickers do, so an agent finds their own in any UI language. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  nl: 'Nederlands',
  da: 'Dansk',
  nb: 'Norsk bokmål',
  tl: 'Tagalog',
};
