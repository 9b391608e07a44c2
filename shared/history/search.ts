/** More words than anyone types into a search box; the rest are ignored. */
export const MAX_SEARCH_TERMS = 8;

/**
 * What the agent typed, as an FTS5 query: every word (letters and digits, so `+31 (20) 555-01`
 * is four words and punctuation can never be FTS5 syntax) as a quoted prefix term, all required.
 * Prefix terms find "refu" in "refund" and, because numbers are indexed with every suffix, any
 * part of a number. Undefined when nothing searchable was typed.
 */
export function toFtsQuery(input: string): string | undefined {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_SEARCH_TERMS);
  return terms.length === 0 ? undefined : terms.map((t) => `"${t}"*`).join(' ');
}
