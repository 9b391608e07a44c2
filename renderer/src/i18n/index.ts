import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../shared/locales';
import da from './locales/da.json';
import en from './locales/en.json';
import nb from './locales/nb.json';
import nl from './locales/nl.json';
import tl from './locales/tl.json';

export const MESSAGES: Readonly<Record<Locale, typeof en>> = { en, nl, da, nb, tl };

export async function initI18n(language: Locale = DEFAULT_LOCALE): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: MESSAGES[l] }])),
    lng: language,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // React escapes what it renders; i18next escaping on top would show "&amp;" to the agent.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export async function setLanguage(language: Locale): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
