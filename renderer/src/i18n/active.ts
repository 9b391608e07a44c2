import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../shared/locales';
import { loadAssistContent } from '../features/assist/content';
import type en from './locales/en.json';
import { createTranslator, type Translator } from './translator';

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

// Every language carries every key (a unit test checks), so no fallback language is loaded.
// Until the first language arrives, a key shows as itself (nothing renders before initI18n).
let current: Translator = createTranslator(DEFAULT_LOCALE, {});
const listeners = new Set<() => void>();
// Two quick switches: the last one asked for wins, whichever language's chunk arrives first.
let latestRequest = 0;

/** The active language's translator: a new object only when the language changes. */
export function getTranslator(): Translator {
  return current;
}

/** Called after each language change (React subscribes through useTranslation). */
export function subscribeToLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Translates with the active language, for code outside React (an OS notification's title). */
export const t: Translator['t'] = (key, values) => current.t(key, values);

// A language's chunks are fetched once, however many ask (a prefetch at start, then initI18n).
const loading = new Map<Locale, Promise<Translator>>();

function translatorFor(language: Locale): Promise<Translator> {
  let translator = loading.get(language);
  if (!translator) {
    translator = Promise.all([loadMessages(language), loadAssistContent(language)]).then(([messages]) =>
      createTranslator(language, messages),
    );
    // A failed fetch (the host restarted) is tried again next time.
    translator.catch(() => loading.delete(language));
    loading.set(language, translator);
  }
  return translator;
}

/** Where the page remembers the language it last showed, to fetch it before the settings arrive. */
const LAST_LANGUAGE_KEY = 'warmline.language';

/** The language the page last showed (this origin's storage), or the default. */
export function lastLanguage(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LAST_LANGUAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage refused (a sandboxed page)
  }
}

/**
 * Starts fetching a language's strings without showing it: at start the page asks for the one it
 * showed last while the settings are on their way, so the first render does not wait for a second
 * round trip (issue 19, cold start). A wrong guess costs one unused chunk.
 */
export function prefetchLanguage(language: Locale): void {
  void translatorFor(language).catch(() => undefined);
}

/** Loads a language's strings and assist content, then makes it the active one. */
export async function setLanguage(language: Locale): Promise<void> {
  const request = ++latestRequest;
  const translator = await translatorFor(language);
  if (request !== latestRequest) return;
  // The page's lang attribute, for screen readers and hyphenation (absent in unit tests under Node).
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(LAST_LANGUAGE_KEY, language);
  } catch {
    // Not remembered: the next start fetches its language after the settings, as without a guess.
  }
  if (translator === current) return;
  current = translator;
  for (const listener of listeners) listener();
}

/** The language the app starts in. */
export async function initI18n(language: Locale = DEFAULT_LOCALE): Promise<Translator> {
  await setLanguage(language);
  return current;
}
