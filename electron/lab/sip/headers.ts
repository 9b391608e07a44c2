import type { Header, Params, SipMessage } from './types.js';

/** RFC 3261 §7.3.3 and later RFCs: compact header names. */
const COMPACT: Readonly<Record<string, string>> = {
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity',
};

const KNOWN = [
  'Accept',
  'Allow',
  'Authorization',
  'Call-ID',
  'Contact',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Expires',
  'From',
  'Max-Forwards',
  'Min-Expires',
  'P-Asserted-Identity',
  'P-Preferred-Identity',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Proxy-Require',
  'Record-Route',
  'Refer-To',
  'Referred-By',
  'Replaces',
  'Require',
  'Retry-After',
  'Route',
  'Server',
  'Subject',
  'Supported',
  'To',
  'Unsupported',
  'User-Agent',
  'Via',
  'WWW-Authenticate',
  'Event',
  'Allow-Events',
];
const CANONICAL = new Map(KNOWN.map((n) => [n.toLowerCase(), n]));

/** Names seen before, as written, to their canonical form: every header of every message is looked up. */
const seenNames = new Map<string, string>();

export function canonicalName(name: string): string {
  const seen = seenNames.get(name);
  if (seen !== undefined) return seen;
  const lower = name.toLowerCase();
  const canonical = COMPACT[lower] ?? CANONICAL.get(lower) ?? name;
  if (seenNames.size < 4096 && name.length <= 64) seenNames.set(name, canonical);
  return canonical;
}

/**
 * Headers whose values are comma-separated lists (RFC 3261 §7.3.1) that the proxy rewrites one element at a
 * time. They are split into one entry per element at parse time; the authentication headers are deliberately
 * absent (their commas separate parameters, not values).
 */
export const LIST_HEADERS: ReadonlySet<string> = new Set(['Via', 'Route', 'Record-Route', 'Contact']);

/**
 * Split at top-level commas: not inside quoted strings (with quoted-pairs) or angle brackets. Parts are sliced
 * out, not built a character at a time: every header of every message goes through here (issue 19).
 */
export function splitTopLevel(value: string, separator: ',' | ';'): string[] {
  const sep = separator.charCodeAt(0);
  const parts: string[] = [];
  let start = 0;
  let inQuotes = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (inQuotes) {
      // A quoted-pair: the backslash and the character it escapes stay in the part as they are.
      if (ch === 0x5c && i + 1 < value.length) i++;
      else if (ch === 0x22) inQuotes = false;
      continue;
    }
    if (ch === 0x22) inQuotes = true;
    else if (ch === 0x3c) inAngle = true;
    else if (ch === 0x3e) inAngle = false;
    else if (ch === sep && !inAngle) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (inQuotes) throw new SyntaxError('unterminated quoted string');
  parts.push(value.slice(start).trim());
  return parts;
}

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

/** Parse `;name=value;flag` generic-params (RFC 3261 §25.1 generic-param); names lower-cased. */
export function parseParams(text: string): Params {
  const params = new Map<string, string | null>();
  const trimmed = text.trim();
  if (trimmed === '') return params;
  if (!trimmed.startsWith(';')) throw new SyntaxError(`unexpected text before parameters: ${trimmed.slice(0, 20)}`);
  for (const part of splitTopLevel(trimmed.slice(1), ';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!isToken(name)) throw new SyntaxError(`bad parameter name: ${name.slice(0, 20)}`);
    const value = eq < 0 ? null : part.slice(eq + 1).trim();
    if (value !== null && value === '') throw new SyntaxError(`empty value for parameter ${name}`);
    if (value !== null && value.startsWith('"') && !/^"(?:[^"\\]|\\.)*"$/s.test(value)) {
      throw new SyntaxError(`bad quoted parameter ${name}`);
    }
    params.set(name.toLowerCase(), value);
  }
  return params;
}

export function formatParams(params: Params): string {
  let out = '';
  for (const [k, v] of params) out += v === null ? `;${k}` : `;${k}=${v}`;
  return out;
}

export function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\(.)/gs, '$1');
  return s;
}

// Accessors over the header list. Names are compared in canonical form.

export function getHeader(msg: SipMessage, name: string): string | undefined {
  const canonical = canonicalName(name);
  return msg.headers.find((h) => h.name === canonical)?.value;
}

export function getHeaders(msg: SipMessage, name: string): string[] {
  const canonical = canonicalName(name);
  return msg.headers.filter((h) => h.name === canonical).map((h) => h.value);
}

export function removeHeaders(msg: SipMessage, name: string): void {
  const canonical = canonicalName(name);
  msg.headers = msg.headers.filter((h) => h.name !== canonical);
}

export function setHeader(msg: SipMessage, name: string, value: string): void {
  const canonical = canonicalName(name);
  const index = msg.headers.findIndex((h) => h.name === canonical);
  if (index < 0) msg.headers.push({ name: canonical, value });
  else {
    msg.headers[index] = { name: canonical, value };
    msg.headers = msg.headers.filter((h, i) => i <= index || h.name !== canonical);
  }
}

/** Insert before the first header of that name (for Via and Record-Route, whose order matters). */
export function prependHeader(msg: SipMessage, name: string, value: string): void {
  const canonical = canonicalName(name);
  const index = msg.headers.findIndex((h) => h.name === canonical);
  const entry: Header = { name: canonical, value };
  if (index < 0) msg.headers.push(entry);
  else msg.headers.splice(index, 0, entry);
}

export function removeFirstHeader(msg: SipMessage, name: string): void {
  const canonical = canonicalName(name);
  const index = msg.headers.findIndex((h) => h.name === canonical);
  if (index >= 0) msg.headers.splice(index, 1);
}
