import type { Locale } from '../locales';

/** A phrase that makes an upset customer angrier, its variants, and what to say instead. */
export interface AvoidRule {
  readonly id: string;
  readonly variants: readonly string[];
  readonly instead: string;
}

export interface PhraseMatch {
  readonly id: string;
  /** UTF-16 offsets into the text checked, `end` exclusive: the words as the agent typed them. */
  readonly start: number;
  readonly end: number;
  readonly instead: string;
}

/**
 * Notes are capped well below this; anything longer is checked up to here only, so one paste of a
 * novel cannot stall typing. Matches are capped too: past that many the agent has the message.
 */
export const PHRASE_CHECK_LIMITS = { textChars: 10_000, matches: 50, rules: 100, variants: 20, variantWords: 12 } as const;

interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Typed, curly, modifier and accent apostrophes all stand for the same elision ("that's", "that’s"):
// ' ’ ‘ ` ´ ʼ ′, escaped, as esbuild leaves a regular expression as written and one character past
// Latin-1 makes Chromium keep the whole start chunk's source in two bytes a character (issue 19).
const APOSTROPHE = /['\u2019\u2018`\u00b4\u02bc\u2032]/u;

/**
 * Danish and Norwegian agents on foreign keyboards write æ, ø, å as ae, oe, aa; both spellings
 * fold to the same word. Elsewhere accents are dropped (é → e) so a missing accent still matches.
 */
function foldWord(word: string, language: Locale): string {
  const lower = word.toLowerCase();
  const nordic =
    language === 'da' || language === 'nb'
      ? lower
          .replace(/\u00e6/g, 'ae')
          .replace(/\u00f8/g, 'oe')
          .replace(/\u00e5/g, 'aa')
      : lower;
  return nordic.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Words with their offsets; an apostrophe inside a word is dropped ("that's" → "thats"), anything else separates. */
function tokenize(text: string, language: Locale): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start >= 0) {
      const folded = foldWord(word, language);
      if (folded !== '') tokens.push({ word: folded, start, end });
    }
    word = '';
    start = -1;
  };
  let i = 0;
  for (const ch of text) {
    // An apostrophe is skipped (inside a word it joins, outside there is nothing to end). Tested
    // first: U+02BC counts as a letter to Unicode but is typed as an apostrophe.
    if (APOSTROPHE.test(ch)) {
      // skip
    } else if (WORD_CHAR.test(ch)) {
      if (start < 0) start = i;
      word += ch;
      end = i + ch.length;
    } else flush();
    i += ch.length;
  }
  flush();
  return tokens;
}

interface Pattern {
  readonly words: readonly string[];
  readonly rule: AvoidRule;
}

/** Rules compiled for one language: patterns indexed by their first word, longest first. */
export interface AvoidMatcher {
  readonly language: Locale;
  readonly byFirstWord: ReadonlyMap<string, readonly Pattern[]>;
}

export function compileAvoidRules(language: Locale, rules: readonly AvoidRule[]): AvoidMatcher {
  const byFirstWord = new Map<string, Pattern[]>();
  for (const rule of rules.slice(0, PHRASE_CHECK_LIMITS.rules)) {
    for (const variant of rule.variants.slice(0, PHRASE_CHECK_LIMITS.variants)) {
      const words = tokenize(variant, language)
        .map((t) => t.word)
        .slice(0, PHRASE_CHECK_LIMITS.variantWords);
      const first = words[0];
      if (first === undefined) continue;
      const list = byFirstWord.get(first) ?? [];
      list.push({ words, rule });
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { language, byFirstWord };
}

/**
 * Every phrase to avoid in `text`, leftmost and longest first, never overlapping. Whole words
 * only: "calm down" is flagged in "Calm  down, please!" but not in "becalm downstairs". Time is
 * linear in the text: each word is compared with the few patterns starting with it, each at most
 * `variantWords` long.
 */
export function findPhrasesToAvoid(text: string, matcher: AvoidMatcher): PhraseMatch[] {
  const tokens = tokenize(text.slice(0, PHRASE_CHECK_LIMITS.textChars), matcher.language);
  const matches: PhraseMatch[] = [];
  let i = 0;
  while (i < tokens.length && matches.length < PHRASE_CHECK_LIMITS.matches) {
    const candidates = matcher.byFirstWord.get(tokens[i]?.word ?? '') ?? [];
    const hit = candidates.find((p) => p.words.every((w, k) => tokens[i + k]?.word === w));
    if (!hit) {
      i += 1;
      continue;
    }
    const first = tokens[i];
    const last = tokens[i + hit.words.length - 1];
    if (first && last) matches.push({ id: hit.rule.id, start: first.start, end: last.end, instead: hit.rule.instead });
    i += hit.words.length;
  }
  return matches;
}

/** One-shot form for callers that check a single text. */
export function checkPhrases(text: string, language: Locale, rules: readonly AvoidRule[]): PhraseMatch[] {
  return findPhrasesToAvoid(text, compileAvoidRules(language, rules));
}
