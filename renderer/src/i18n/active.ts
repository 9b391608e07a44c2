import { DEFAULT_LOCALE, type Locale } from '../../../shared/locales';
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
const ready = new Map<Locale, Translator>();
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

async function translatorFor(language: Locale): Promise<Translator> {
  const known = ready.get(language);
  const [messages] = await Promise.all([known ? undefined : loadMessages(language), loadAssistContent(language)]);
  const translator = known ?? ready.get(language) ?? createTranslator(language, messages);
  ready.set(language, translator);
  return translator;
}

/** Loads a language's strings and assist content, then makes it the active one. */
export async function setLanguage(language: Locale): Promise<void> {
  const request = ++latestRequest;
  const translator = await translatorFor(language);
  if (request !== latestRequest) return;
  // The page's lang attribute, for screen readers and hyphenation (absent in unit tests under Node).
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  if (translator === current) return;
  current = translator;
  for (const listener of listeners) listener();
}

/** The language the app starts in. */
export async function initI18n(language: Locale = DEFAULT_LOCALE): Promise<Translator> {
  await setLanguage(language);
  return current;
}
