/**
 * What must never reach a log file: credentials (SIP passwords, digest responses, tokens, keys)
 * and the contents of an escalation context (what a customer told the first agent). Applied to
 * every entry, whatever its source, because an error message can quote anything.
 */
const REDACTED = '[redacted]';

// Bounded repeats: a long run of word characters must not make these regexes backtrack for seconds.
const SECRET_KEY = String.raw`[\w-]{0,32}(?:password|passwd|pwd|secret|token|api[_-]?key|credential|private[_-]?key)[\w-]{0,32}`;
const CONTEXT_KEY = String.raw`[\w-]{0,32}context[\w-]{0,32}`;

/** `Authorization:` and `Proxy-Authorization:` (SIP or HTTP), anywhere in a line; and any header line named like a context. */
const AUTH_HEADER = /\b((?:proxy-)?authorization["']?[ \t]*[:=])[^\n]*/gi;
const CONTEXT_HEADER = /^([ \t]*[\w-]{0,64}context[ \t]*:)[^\n]*/gim;
/** A digest, basic or bearer credential wherever it appears, not only after a header name. */
const DIGEST = /\b(Digest)\s+(?=[\w-]+\s*=)[^\n]*/g;
const TOKEN = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/-]{8,}=*/g;
/** `user:password@` in a URL. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;
/** key=value, key: value, "key": "value" where the key names a secret. */
const SECRET_PAIR = new RegExp(
  String.raw`(["']?)(${SECRET_KEY})\1(\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s,;&}\]]+)`,
  'gi',
);
const CONTEXT_KEY_START = new RegExp(String.raw`(["']?)(${CONTEXT_KEY})\1\s*[:=]\s*`, 'gi');

/** The end of a JSON-ish value starting at `start`: a balanced {…} or […], a quoted string, or a bare word. */
function valueEnd(text: string, start: number): number {
  const open = text[start];
  if (open === '"' || open === "'") {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === open) return i + 1;
    }
    return text.length;
  }
  if (open === '{' || open === '[') {
    let depth = 0;
    let quote: string | undefined;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length; // cut off mid-object (a truncated message): everything after the key goes
  }
  const rest = /^[^\s,;&}\]]*/.exec(text.slice(start));
  return start + (rest?.[0].length ?? 0);
}

function redactContextValues(text: string): string {
  let out = '';
  let from = 0;
  CONTEXT_KEY_START.lastIndex = 0;
  for (let m = CONTEXT_KEY_START.exec(text); m; m = CONTEXT_KEY_START.exec(text)) {
    const valueStart = m.index + m[0].length;
    if (valueStart < from) continue;
    const end = valueEnd(text, valueStart);
    out += `${text.slice(from, valueStart)}${REDACTED}`;
    from = end;
    CONTEXT_KEY_START.lastIndex = Math.max(end, valueStart + 1);
  }
  return out + text.slice(from);
}

export function redact(text: string): string {
  return redactContextValues(
    text
      .replace(AUTH_HEADER, (_m, name: string) => `${name} ${REDACTED}`)
      .replace(CONTEXT_HEADER, (_m, name: string) => `${name} ${REDACTED}`)
      .replace(DIGEST, (_m, scheme: string) => `${scheme} ${REDACTED}`)
      .replace(TOKEN, (_m, scheme: string) => `${scheme} ${REDACTED}`)
      .replace(URL_PASSWORD, (_m, head: string) => `${head}${REDACTED}@`)
      .replace(SECRET_PAIR, (_m, q: string, key: string, sep: string) => `${q}${key}${q}${sep}${REDACTED}`),
  );
}
