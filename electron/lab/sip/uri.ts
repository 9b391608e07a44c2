import { memoize } from './memo.js';
import type { SipUri } from './types.js';

// RFC 3261 §19.1.1 / §25.1. The user part may hold almost anything escaped or not (RFC 4475 §3.1.1.2), but
// never an unescaped '@', nor may parameters or headers, so the first '@' ends the userinfo.
const USER_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const PASSWORD_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*$/;
const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_REF = /^\[[0-9A-Fa-f:.]+\]$/;
const PARAM_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
const HEADER_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/?:+$=&]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

export function isValidHost(host: string): boolean {
  if (IPV6_REF.test(host)) return isValidIpv6(host.slice(1, -1));
  return IPV4.test(host) || HOSTNAME.test(host);
}

function isValidIpv6(addr: string): boolean {
  // Enough to refuse the RFC 4475 §3.1.2.x malformed references without a full RFC 4291 grammar.
  const doubleColons = addr.split('::').length - 1;
  if (doubleColons > 1 || addr.includes(':::')) return false;
  const lastColon = addr.lastIndexOf(':');
  const tail = addr.slice(lastColon + 1);
  let groups = addr
    .slice(0, lastColon + 1)
    .split(':')
    .filter((g) => g !== '');
  let count = groups.length;
  if (tail.includes('.')) {
    if (!IPV4.test(tail)) return false;
    count += 2;
  } else if (tail !== '') {
    groups = [...groups, tail];
    count++;
  }
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return doubleColons === 1 ? count < 8 : count === 8;
}

/** Request-URIs, Contacts and To addresses repeat on every refresh: see memo.ts. */
export const parseUri: (text: string) => SipUri = memoize(parseUriText);

function parseUriText(text: string): SipUri {
  const raw = text.trim();
  const colon = raw.indexOf(':');
  if (colon <= 0) throw new SyntaxError('URI without scheme');
  const scheme = raw.slice(0, colon).toLowerCase();
  if (!SCHEME.test(scheme)) throw new SyntaxError('bad URI scheme');
  const rest = raw.slice(colon + 1);
  if (/\s/.test(rest)) throw new SyntaxError('whitespace inside URI');
  if (scheme !== 'sip' && scheme !== 'sips') {
    // tel:, urn:, http: … carried opaquely; the lab only routes sip(s) URIs.
    if (rest === '') throw new SyntaxError('empty URI');
    return { scheme, user: null, password: null, host: '', port: null, params: new Map(), headers: null, raw };
  }
  const at = rest.indexOf('@');
  let user: string | null = null;
  let password: string | null = null;
  let hostPart = rest;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
    const pc = userinfo.indexOf(':');
    user = pc >= 0 ? userinfo.slice(0, pc) : userinfo;
    password = pc >= 0 ? userinfo.slice(pc + 1) : null;
    if (!USER_CHARS.test(user)) throw new SyntaxError('bad URI user');
    if (password !== null && !PASSWORD_CHARS.test(password)) throw new SyntaxError('bad URI password');
  }
  const q = hostPart.indexOf('?');
  const headers = q >= 0 ? hostPart.slice(q + 1) : null;
  if (headers !== null && !HEADER_CHARS.test(headers)) throw new SyntaxError('bad URI headers');
  const beforeHeaders = q >= 0 ? hostPart.slice(0, q) : hostPart;
  const semi = beforeHeaders.indexOf(';');
  const hostport = semi >= 0 ? beforeHeaders.slice(0, semi) : beforeHeaders;
  const params = new Map<string, string | null>();
  if (semi >= 0) {
    for (const p of beforeHeaders.slice(semi + 1).split(';')) {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? null : p.slice(eq + 1);
      if (!PARAM_CHARS.test(name) || (value !== null && !PARAM_CHARS.test(value))) {
        throw new SyntaxError('bad URI parameter');
      }
      params.set(decodeEscapes(name).toLowerCase(), value === null ? null : decodeEscapes(value));
    }
  }
  const { host, port } = splitHostPort(hostport);
  return { scheme, user, password, host, port, params, headers, raw };
}

export function splitHostPort(hostport: string): { host: string; port: number | null } {
  let host = hostport;
  let portText: string | null = null;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw new SyntaxError('unterminated IPv6 reference');
    host = hostport.slice(0, close + 1);
    const after = hostport.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) throw new SyntaxError('junk after IPv6 reference');
      portText = after.slice(1);
    }
  } else {
    const c = hostport.indexOf(':');
    if (c >= 0) {
      host = hostport.slice(0, c);
      portText = hostport.slice(c + 1);
    }
  }
  if (!isValidHost(host)) throw new SyntaxError('bad host');
  let port: number | null = null;
  if (portText !== null) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new SyntaxError('bad port');
    port = Number(portText);
  }
  return { host: host.toLowerCase(), port };
}

export function decodeEscapes(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The user part unescaped (RFC 3261 §19.1.4: `sip:%75ser@` equals `sip:user@`). */
export function uriUser(uri: SipUri): string | null {
  return uri.user === null ? null : decodeEscapes(uri.user);
}

export function formatHostPort(host: string, port: number | null): string {
  return port === null ? host : `${host}:${port}`;
}
