import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../shared/locales';
import { loadAssistContent } from '../features/assist/content';
import type en from './locales/en.json';

export type Messages = typeof en;

// One chunk per language, fetched when that language is first used: the app ships only the
// active language's strings at start (issue 19), and a switch loads the next one.
const LOADERS = import.meta.glob<Messages>('./locales/*.json', { import: 'default' });

/** One language's UI strings, from its own chunk. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const load = LOADERS[`./locales/${locale}.json`];
  if (!load) throw new Error(`no UI strings for ${locale}`);
  return load();
}

/** Every language carries every key (a unit test checks), so no fallback language is loaded. */
async function ensureLanguage(language: Locale): Promise<void> {
  const [messages] = await Promise.all([
    i18next.hasResourceBundle(language, 'translation') ? undefined : loadMessages(language),
    loadAssistContent(language),
  ]);
  if (messages) i18next.addResourceBundle(language, 'translation', messages);
}

/** The page's lang attribute, for screen readers and hyphenation (absent in unit tests under Node). */
function markLanguage(language: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export async function initI18n(language: Locale = DEFAULT_LOCALE): Promise<i18n> {
  const [messages] = await Promise.all([loadMessages(language), loadAssistContent(language)]);
  await i18next.use(initReactI18next).init({
    resources: { [language]: { translation: messages } },
    lng: language,
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    // React escapes what it renders; i18next escaping on top would show "&amp;" to the agent.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  markLanguage(language);
  return i18next;
}

export async function setLanguage(language: Locale): Promise<void> {
  await ensureLanguage(language);
  await i18next.changeLanguage(language);
  markLanguage(language);
}
