import type { Result } from './result';

/**
 * Click-to-dial: `tel:` (RFC 3966), `sip:`/`sips:` (RFC 3261) and `callto:` links, as handed to
 * the app by the OS (argv, macOS `open-url`), turned into what the dial pad dials. Everything
 * here is untrusted input from another program; anything odd is refused, not repaired.
 */
export const DIAL_LINK_SCHEMES = ['tel', 'sip', 'sips', 'callto'] as const;
export type DialLinkScheme = (typeof DIAL_LINK_SCHEMES)[number];

export const DIAL_LINK_LIMITS = { link: 512, digits: 32, user: 128, host: 253 } as const;

export type DialTarget =
  | { readonly kind: 'phone'; readonly target: string; readonly extension?: string }
  | { readonly kind: 'sip'; readonly target: string };

export type DialLinkRefusal = 'too-long' | 'control-characters' | 'scheme' | 'encoding' | 'number' | 'uri';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** RFC 3966 visual-separator, plus the space real-world links carry (`tel:+47%2012%2034`). */
const VISUAL_SEPARATORS = /[-.() ]/g;
const GLOBAL_NUMBER = /^\+\d{1,32}$/;
const LOCAL_NUMBER = /^[\d*#]{1,32}$/;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^\[[0-9a-f:.]{2,45}\]$/i;
/** RFC 3261 unreserved / user-unreserved: kept as they are in a user part; all else is percent-encoded. */
const USER_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;

const refuse = (reason: DialLinkRefusal): Result<never, DialLinkRefusal> => ({ ok: false, error: reason });
const accept = (target: DialTarget): Result<DialTarget, never> => ({ ok: true, value: target });

function isDialLinkScheme(s: string): s is DialLinkScheme {
  return (DIAL_LINK_SCHEMES as readonly string[]).includes(s);
}

/** Percent-decoding that refuses malformed escapes and anything that decodes to a control character. */
function decode(s: string): string | undefined {
  try {
    const decoded = decodeURIComponent(s);
    return UNSAFE.test(decoded) ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The scheme of something that looks like one of our links (for scanning argv); undefined otherwise. */
export function dialLinkScheme(raw: string): DialLinkScheme | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw.trim())?.[1]?.toLowerCase();
  return scheme !== undefined && isDialLinkScheme(scheme) ? scheme : undefined;
}

/** The first argument that is a dial link: how Windows and Linux hand a clicked link to the app. */
export function findDialLink(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-') && dialLinkScheme(arg) !== undefined);
}

export function parseDialLink(raw: string): Result<DialTarget, DialLinkRefusal> {
  if (typeof raw !== 'string' || raw.length > DIAL_LINK_LIMITS.link) return refuse('too-long');
  if (UNSAFE.test(raw)) return refuse('control-characters');
  const link = raw.trim();
  const scheme = dialLinkScheme(link);
  if (!scheme) return refuse('scheme');
  const rest = link.slice(scheme.length + 1);
  switch (scheme) {
    case 'tel':
      // `tel://` is not RFC 3966, but sites write it; the slashes carry nothing.
      return parseTel(rest.replace(/^\/\//, ''));
    case 'sip':
    case 'sips':
      return parseSip(scheme, rest);
    case 'callto':
      return parseCallto(rest);
    default:
      throw new TypeError(`Unhandled scheme: ${String(scheme satisfies never)}`);
  }
}

/** A phone number as digits: visual separators dropped, a leading + kept for a global number. */
function phoneDigits(raw: string): string | undefined {
  const decoded = decode(raw);
  if (decoded === undefined) return undefined;
  const digits = decoded.replace(VISUAL_SEPARATORS, '');
  return GLOBAL_NUMBER.test(digits) || LOCAL_NUMBER.test(digits) ? digits : undefined;
}

function parseTel(rest: string): Result<DialTarget, DialLinkRefusal> {
  const [numberPart = '', ...paramParts] = rest.split(';');
  if (decode(numberPart) === undefined) return refuse('encoding');
  const number = phoneDigits(numberPart);
  if (number === undefined) return refuse('number');
  const params = new Map<string, string>();
  for (const part of paramParts) {
    const [name = '', ...value] = part.split('=');
    const key = name.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(key) || params.has(key)) return refuse('number');
    const decoded = decode(value.join('='));
    if (decoded === undefined) return refuse('encoding');
    params.set(key, decoded);
  }
  let target = number;
  const context = params.get('phone-context');
  if (context !== undefined) {
    if (number.startsWith('+')) return refuse('number'); // RFC 3966 §5.1.5: only local numbers have a context
    const prefix = context.replace(VISUAL_SEPARATORS, '');
    // A global-number prefix makes the local number global (RFC 3966 §5.1.5's `863-1234;phone-context=+1-914-555`);
    // a domain context names the network the local number belongs to, which is the agent's own PBX here.
    if (GLOBAL_NUMBER.test(prefix)) target = `${prefix}${number}`;
    else if (!DOMAIN.test(context)) return refuse('number');
  }
  if (target.replace('+', '').length > DIAL_LINK_LIMITS.digits || !(GLOBAL_NUMBER.test(target) || LOCAL_NUMBER.test(target))) {
    return refuse('number');
  }
  const ext = params.get('ext');
  if (ext !== undefined) {
    const extension = ext.replace(VISUAL_SEPARATORS, '');
    if (!/^\d{1,16}$/.test(extension)) return refuse('number');
    return accept({ kind: 'phone', target, extension });
  }
  return accept({ kind: 'phone', target });
}

/** Percent-encodes what RFC 3261 does not allow bare in a user part; undefined for a lone surrogate. */
function encodeUser(user: string): string | undefined {
  try {
    return Array.from(user, (ch) => (USER_SAFE.test(ch) ? ch : encodeURIComponent(ch))).join('');
  } catch {
    return undefined;
  }
}

/**
 * `user@host[:port]` only: URI parameters (`maddr`, `transport`) and headers (`?Replaces=...`)
 * are dropped, because a link must not steer where or how the call is routed, or join another call.
 */
function parseSip(scheme: 'sip' | 'sips', rest: string): Result<DialTarget, DialLinkRefusal> {
  const withoutHeaders = rest.split('?')[0] ?? '';
  const at = withoutHeaders.indexOf('@');
  if (at <= 0) return refuse('uri');
  const userPart = withoutHeaders.slice(0, at);
  const [hostPort = ''] = withoutHeaders.slice(at + 1).split(';');
  if (userPart.includes(':')) return refuse('uri'); // user:password@ — never from a link
  const user = decode(userPart);
  if (user === undefined) return refuse('encoding');
  if (user.length === 0 || user.length > DIAL_LINK_LIMITS.user || /[\s<>"@\\]/.test(user)) return refuse('uri');
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(hostPort);
  const host = match?.[1]?.toLowerCase();
  const port = match?.[2];
  if (!host || !(DOMAIN.test(host) || IPV4.test(host) || IPV6.test(host))) return refuse('uri');
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return refuse('uri');
  const encoded = encodeUser(user);
  if (encoded === undefined) return refuse('encoding');
  return accept({ kind: 'sip', target: `${scheme}:${encoded}@${host}${port ? `:${port}` : ''}` });
}

/** `callto:` has no RFC: a number (`callto:+1...`, `callto://+1.../`) or an address (`callto:alice@example.com`). */
function parseCallto(rest: string): Result<DialTarget, DialLinkRefusal> {
  const body = rest.replace(/^\/\//, '').replace(/\/$/, '');
  if (body.includes('@')) return parseSip('sip', body);
  const number = phoneDigits(body);
  return number === undefined ? refuse('number') : accept({ kind: 'phone', target: number });
}
