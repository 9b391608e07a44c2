/** More words than anyone types into a search box; the rest are ignored. */
export const MAX_SEARCH_TERMS = 8;

/**
 * Words the full-text index spells exactly as they are typed (after lower-casing): its tokenizer
 * changes nothing else in plain ASCII letters and digits. Only these may be looked up in the
 * index's term list; anything else (é, ø, scripts without case) stays a prefix query for FTS5.
 */
const AS_INDEXED = /^[a-z0-9]+$/;

/** Every word the agent typed (letters and digits, so punctuation can never be FTS5 syntax), lower-case, once. */
export function searchWords(input: string): string[] {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_SEARCH_TERMS);
}

/**
 * The index terms that start with `word`, all of them, or undefined when there are too many to
 * list (or the word is not spelt as indexed): that word then stays a prefix query.
 */
export type PrefixTerms = (word: string) => readonly string[] | undefined;

/**
 * What the agent typed, as an FTS5 query: every word a quoted prefix term, all required (AND). Prefix
 * terms find "refu" in "refund" and, because numbers are indexed with every suffix, any part of a
 * number. FTS5 gathers every match of a prefix term before it can return the first, so a common
 * word costs as much as it has matches; with `terms`, a word whose completions the index lists is
 * asked as those words instead (`("refund" OR "refunds")`), which FTS5 reads newest first and
 * stops at the page. Undefined when nothing searchable was typed.
 */
export function toFtsQuery(input: string, terms?: PrefixTerms): string | undefined {
  const words = searchWords(input);
  if (words.length === 0) return undefined;
  return (
    words
      .map((word) => {
        const completions = terms && AS_INDEXED.test(word) ? terms(word) : undefined;
        if (!completions || completions.length === 0 || !completions.every((t) => AS_INDEXED.test(t) && t.startsWith(word))) {
          return `"${word}"*`;
        }
        return completions.length === 1 ? `"${completions[0]}"` : `(${completions.map((t) => `"${t}"`).join(' OR ')})`;
      })
      // Explicit AND: FTS5 takes "a b" as both, but not a parenthesised group next to another term.
      .join(' AND ')
  );
}
