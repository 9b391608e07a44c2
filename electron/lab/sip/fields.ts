import { formatParams, isToken, parseParams } from './headers.js';
import { memoize } from './memo.js';
import { splitHostPort, parseUri } from './uri.js';
import type { CSeq, NameAddr, SipUri, Via } from './types.js';

const QUOTED = /^"((?:[^"\\]|\\[\s\S])*)"/;

/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1): From, To, Contact, Route,
 * Record-Route, Refer-To. An addr-spec without angle brackets cannot carry URI parameters: anything after its
 * first ';' belongs to the header.
 */
export const parseNameAddr: (text: string) => NameAddr = memoize(parseNameAddrText);

function parseNameAddrText(text: string): NameAddr {
  let rest = text.trim();
  let displayName: string | null = null;
  const quoted = QUOTED.exec(rest);
  if (quoted) {
    displayName = quoted[1]!.replace(/\\([\s\S])/g, '$1');
    rest = rest.slice(quoted[0].length).trimStart();
    if (!rest.startsWith('<')) throw new SyntaxError('quoted display name without <uri>');
  } else if (rest.startsWith('"')) {
    throw new SyntaxError('unterminated display name');
  }
  const lt = rest.indexOf('<');
  if (lt >= 0) {
    const before = rest.slice(0, lt).trim();
    if (before !== '') {
      if (!before.split(/\s+/).every(isToken)) throw new SyntaxError('bad display name');
      displayName = before;
    }
    const gt = rest.indexOf('>', lt);
    if (gt < 0) throw new SyntaxError('missing >');
    const inner = rest.slice(lt + 1, gt);
    // RFC 4475 §3.1.2.10: whitespace inside the brackets is not allowed by LAQUOT/RAQUOT.
    if (inner !== inner.trim()) throw new SyntaxError('whitespace inside <>');
    const uri = parseUri(inner);
    return { displayName, uri, params: parseParams(rest.slice(gt + 1)), bracketed: true };
  }
  if (displayName !== null) throw new SyntaxError('display name without <uri>');
  const semi = rest.indexOf(';');
  const uriText = semi >= 0 ? rest.slice(0, semi) : rest;
  if (uriText.includes('?') || uriText.includes(',')) throw new SyntaxError('addr-spec needs <> for ? or ,');
  const uri = parseUri(uriText);
  return { displayName: null, uri, params: parseParams(semi >= 0 ? rest.slice(semi) : ''), bracketed: false };
}

export function formatNameAddr(na: NameAddr): string {
  const name = na.displayName === null ? '' : `"${na.displayName.replace(/(["\\])/g, '\\$1')}" `;
  return `${name}<${na.uri.raw}>${formatParams(na.params)}`;
}

const VIA = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9\-.!%*_+`'~]+)\s+(.+)$/is;
const SENT_BY = /^(\S+?)\s*(?::\s*(\d+))?$/;

/** The last Via parsed: the parser's checks read a request's top Via and the transaction key reads it again. */
let lastViaText = '';
let lastVia: Via | null = null;

/**
 * One via-parm (RFC 3261 §20.42); the LWS tolerance is what RFC 4475 §3.1.1.1 exercises. Not remembered like the
 * others: every request's Via has a new branch, so a cache would only miss (measured, issue 19). Only the last
 * one is kept, for the second reading of the same request (the result is shared, so read-only like the others').
 */
export function parseVia(text: string): Via {
  if (lastVia !== null && text === lastViaText) return lastVia;
  const via = parseViaText(text);
  lastViaText = text;
  lastVia = via;
  return via;
}

function parseViaText(text: string): Via {
  const m = VIA.exec(text.trim());
  if (!m) throw new SyntaxError('bad Via');
  const transport = m[1]!.toUpperCase();
  const rest = m[2]!;
  const semi = rest.indexOf(';');
  const sentByText = (semi >= 0 ? rest.slice(0, semi) : rest).trim();
  const sb = SENT_BY.exec(sentByText);
  if (!sb) throw new SyntaxError('bad Via sent-by');
  const { host, port } = splitHostPort(sb[2] === undefined ? sb[1]! : `${sb[1]!}:${sb[2]}`);
  const params = parseParams(semi >= 0 ? rest.slice(semi) : '');
  const branch = params.get('branch');
  if (branch === null) throw new SyntaxError('Via branch without value');
  return { transport, host, port, params, branch: branch ?? null };
}

export const parseCSeq: (text: string) => CSeq = memoize(parseCSeqText);

function parseCSeqText(text: string): CSeq {
  const m = /^(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(text.trim());
  if (!m) throw new SyntaxError('bad CSeq');
  const seq = Number(m[1]);
  // RFC 3261 §8.1.1.5: the sequence number is a 32-bit unsigned integer below 2**31.
  if (seq >= 2 ** 31) throw new SyntaxError('CSeq out of range');
  return { seq, method: m[2]! };
}

/** Plain non-negative integers (Max-Forwards, Expires, Content-Length), rejecting absurd sizes (RFC 4475 §3.1.2.4). */
export function parseSmallInt(text: string, max: number): number {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t)) throw new SyntaxError(`bad number: ${t.slice(0, 20)}`);
  const n = Number(t);
  if (n > max) throw new SyntaxError(`number out of range: ${t}`);
  return n;
}

export function sameUriTarget(a: SipUri, b: SipUri): boolean {
  return a.scheme === b.scheme && a.user === b.user && a.host === b.host && a.port === b.port;
}
