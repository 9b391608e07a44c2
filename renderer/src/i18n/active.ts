import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../shared/locales';
import { loadAssistContent } from '../features/assist/content';
import type en from './locales/en.json';
import type enViews from './locales/views/en.json';
import { createTranslator, type GrowingTranslator, type Translator } from './translator';

/** The words of the phone screen, the status bar and the start shell: what a signed-in agent sees first. */
export type Messages = typeof en;
/** The words only views in chunks of their own show (settings, history, the in-call parts, the team...). */
export type ViewMessages = typeof enViews;

// One chunk per language, fetched when that language is first used: the app ships only the
// active language's strings at start (issue 19), and a switch loads the next one. The views'
// words are a second chunk per language, fetched with the first view (ui/lazy-views.tsx); the
// build's start-budget test checks that no start module uses one of them.
const LOADERS = import.meta.glob<Messages>('./locales/*.json', { import: 'default' });
const VIEW_LOADERS = import.meta.glob<ViewMessages>('./locales/views/*.json', { import: 'default' });

/** One language's UI strings for the phone screen, from its own chunk. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const load = LOADERS[`./locales/${locale}.json`];
  if (!load) throw new Error(`no UI strings for ${locale}`);
  return load();
}

/** One language's words for the views in chunks of their own, from a chunk of its own. */
export async function loadViewMessages(locale: Locale): Promise<ViewMessages> {
  const load = VIEW_LOADERS[`./locales/views/${locale}.json`];
  if (!load) throw new Error(`no view strings for ${locale}`);
  return load();
}

// Every language carries every key (a unit test checks), so no fallback language is loaded.
// Until the first language arrives, a key shows as itself (nothing renders before initI18n).
let current: Translator = createTranslator(DEFAULT_LOCALE, {});
const listeners = new Set<() => void>();
// Two quick switches: the last one asked for wins, whichever language's chunk arrives first.
let latestRequest = 0;
// The language last asked for (it may still be on its way).
let wanted: Locale = DEFAULT_LOCALE;
// Set by the first view that loads: from then on a language switch brings that language's view words too.
let viewsWanted = false;

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
const loading = new Map<Locale, Promise<GrowingTranslator>>();
const loadingViews = new Map<Locale, Promise<GrowingTranslator>>();

/** Fetches a language once and retries a failed fetch (the host restarted) the next time it is asked for. */
function once(cache: Map<Locale, Promise<GrowingTranslator>>, language: Locale, load: () => Promise<GrowingTranslator>) {
  let translator = cache.get(language);
  if (!translator) {
    translator = load();
    translator.catch(() => cache.delete(language));
    cache.set(language, translator);
  }
  return translator;
}

function translatorFor(language: Locale): Promise<GrowingTranslator> {
  return once(loading, language, () =>
    Promise.all([loadMessages(language), loadAssistContent(language)]).then(([messages]) => createTranslator(language, messages)),
  );
}

/**
 * The language's translator with its view words added: the same object, so what is on screen is
 * not rendered again (it uses none of them); a view waits for this before it first renders.
 */
function withViewWords(language: Locale): Promise<GrowingTranslator> {
  return once(loadingViews, language, () =>
    Promise.all([translatorFor(language), loadViewMessages(language)]).then(([translator, words]) => {
      translator.add(words);
      return translator;
    }),
  );
}

/**
 * The words of the views in chunks of their own, for the language shown and the one on its way:
 * ui/lazy-views.tsx fetches them with a view's chunk, so the start fetches only the phone screen's
 * words (issue 19). Resolves once they can be looked up; a failed fetch is tried again next time.
 */
export async function loadViewWords(): Promise<void> {
  viewsWanted = true;
  await Promise.all([...new Set([current.language, wanted])].map(withViewWords));
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
  wanted = language;
  let translator = await translatorFor(language);
  // A view is open (or was): its words in the new language come before the switch, not after it.
  if (viewsWanted) translator = await withViewWords(language);
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
