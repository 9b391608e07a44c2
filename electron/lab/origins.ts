/**
 * Which browser pages may open a SIP connection to the lab (issue 17, finding 5). Entries are exact origins
 * (`app://warmline`, `http://127.0.0.1:5180`) or an origin with `:*` for any port of that scheme and host
 * (`http://127.0.0.1:*`, for tests whose pages are served on a port picked at run time).
 */
export interface OriginMatcher {
  allows(origin: string): boolean;
  add(origin: string): void;
}

export function originMatcher(initial: readonly string[]): OriginMatcher {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  const add = (origin: string): void => {
    const o = origin.trim().toLowerCase().replace(/\/$/, '');
    if (o.endsWith(':*')) anyPort.add(o.slice(0, -2));
    else exact.add(o);
  };
  initial.forEach(add);
  return {
    add,
    allows(origin) {
      const o = origin.toLowerCase();
      if (exact.has(o)) return true;
      const m = /^([a-z][a-z0-9+.-]*:\/\/[^/:]+|[a-z][a-z0-9+.-]*:\/\/\[[^\]]+\]):\d+$/.exec(o);
      return m !== null && anyPort.has(m[1]!);
    },
  };
}
