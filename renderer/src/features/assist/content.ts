import { assistContentSchema, compileAvoidRules, type AssistContent, type AvoidMatcher } from '../../../../shared/assist';
import type { Locale } from '../../../../shared/locales';
import da from './content/da.json';
import en from './content/en.json';
import nb from './content/nb.json';
import nl from './content/nl.json';
import tl from './content/tl.json';

/** The shipped content as it sits in the files, before validation. */
export const RAW_ASSIST_CONTENT: Readonly<Record<Locale, unknown>> = { en, nl, da, nb, tl };

const parsed = new Map<Locale, AssistContent>();
const matchers = new Map<Locale, AvoidMatcher>();

/** One language's de-escalation content, checked against the shared schema once and kept. */
export function assistContent(locale: Locale): AssistContent {
  const cached = parsed.get(locale);
  if (cached) return cached;
  // The files ship with the app and a unit test parses each; failing loudly here means a broken build, not bad input.
  const content = assistContentSchema.parse(RAW_ASSIST_CONTENT[locale]);
  parsed.set(locale, content);
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
