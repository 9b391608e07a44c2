/** The UI languages Warmline ships. `nb` is Norwegian Bokmål, `tl` Tagalog. */
export const LOCALES = ['en', 'nl', 'da', 'nb', 'tl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
