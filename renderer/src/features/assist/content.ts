import { compileAvoidRules, type AvoidMatcher } from '../../../../shared/assist/phrase-check';
import type { AssistContent } from '../../../../shared/assist/content-schema';
import type { Locale } from '../../../../shared/locales';

// One chunk per language, fetched with the UI strings when a language is first used (issue 19).
const LOADERS = import.meta.glob<unknown>('./content/*.json', { import: 'default' });

/** The shipped content of one language as it sits in its file, before validation. */
export async function rawAssistContent(locale: Locale): Promise<unknown> {
  const load = LOADERS[`./content/${locale}.json`];
  if (!load) throw new Error(`no assist content for ${locale}`);
  return load();
}

const parsed = new Map<Locale, AssistContent>();
const matchers = new Map<Locale, AvoidMatcher>();

/** Loads and checks one language's content; `assistContent` then has it at once. */
export async function loadAssistContent(locale: Locale): Promise<void> {
  if (parsed.has(locale)) return;
  // The files ship with the app: the build checks each against assistContentSchema (electron.vite.config.ts)
  // and fails on a bad one, so no schema is built in the page at start (issue 19).
  parsed.set(locale, (await rawAssistContent(locale)) as AssistContent);
}

/** One language's de-escalation content, loaded with its UI strings (`setLanguage`) before it is shown. */
export function assistContent(locale: Locale): AssistContent {
  const content = parsed.get(locale);
  if (!content) throw new Error(`assist content for ${locale} is not loaded (setLanguage loads it)`);
  return content;
}

/** The phrases-to-avoid matcher for a language, compiled once. */
export function avoidMatcher(locale: Locale): AvoidMatcher {
  const cached = matchers.get(locale);
  if (cached) return cached;
  const matcher = compileAvoidRules(locale, assistContent(locale).avoid);
  matchers.set(locale, matcher);
  return matcher;
}
