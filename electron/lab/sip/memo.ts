/**
 * Remembers a parser's recent results by input text. A REGISTER's To, From, Contact and Request-URI were each
 * parsed two to four times on its way through the lab (the parser's checks, the transaction key, the
 * router, the registrar, the contact table), and an agent's To, Contact and Request-URI are the same text on
 * every refresh (issue 19). Results are shared between callers, so they are read-only (their Params maps are
 * ReadonlyMap). Failures are not remembered: a bad value throws each time, as before. Bounded: past `entries`
 * the cache starts over, and long texts are not kept, so a flood of distinct values costs memory of no one.
 */
export function memoize<T>(parse: (text: string) => T, entries = 512, maxLength = 256): (text: string) => T {
  let cache = new Map<string, T>();
  return (text: string): T => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const result = parse(text);
    if (text.length <= maxLength) {
      if (cache.size >= entries) cache = new Map();
      cache.set(text, result);
    }
    return result;
  };
}
