import { canonicalName, isToken, LIST_HEADERS, splitTopLevel } from './headers.js';
import { parseCSeq, parseNameAddr, parseSmallInt, parseVia } from './fields.js';
import { parseUri } from './uri.js';
import type { Header, SipMessage, SipRequest } from './types.js';

export interface ParseLimits {
  readonly maxMessageBytes: number;
  readonly maxHeaders: number;
  readonly maxLineLength: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxMessageBytes: 64 * 1024, maxHeaders: 100, maxLineLength: 8 * 1024 };

export type ParseResult =
  | { readonly kind: 'message'; readonly message: SipMessage }
  /** RFC 5626 §4.4.1 CRLF keep-alive ping, which SIP.js and JsSIP also send over WebSocket. */
  | { readonly kind: 'keepalive' }
  /**
   * `request` is set when the start line and headers were readable enough to answer with `status`
   * (400, 416 or 505); otherwise the message is dropped.
   */
  | { readonly kind: 'invalid'; readonly reason: string; readonly status: number; readonly request?: SipRequest };

const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) ([A-Za-z]+\/\d+\.\d+)$/;
const STATUS_LINE = /^SIP\/2\.0 (\d{3})(?: (.*))?$/i;

function findHeaderEnd(buf: Buffer): { end: number; bodyStart: number } {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return { end: buf.length, bodyStart: buf.length };
}

/** Add one header (a list header as one entry per element) under its canonical name. */
function pushHeader(headers: Header[], name: string, value: string, limits: ParseLimits): void {
  const canonical = canonicalName(name);
  const trimmed = value.trim();
  if (LIST_HEADERS.has(canonical) && !(canonical === 'Contact' && trimmed === '*')) {
    for (const element of splitTopLevel(trimmed, ',')) {
      if (element === '') throw new SyntaxError(`empty element in ${canonical}`);
      headers.push({ name: canonical, value: element });
    }
  } else headers.push({ name: canonical, value: trimmed });
  if (headers.length > limits.maxHeaders) throw new SyntaxError('too many headers');
}

/** Header lines with folding undone (RFC 3261 §7.3.1: CRLF followed by WSP is one SP). */
function unfold(lines: readonly string[], limits: ParseLimits): Header[] {
  const headers: Header[] = [];
  // The header being read: its name as written and its value so far (continuation lines appended).
  let name: string | null = null;
  let value = '';
  for (const line of lines) {
    if (line.length > limits.maxLineLength) throw new SyntaxError('header line too long');
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (name === null) throw new SyntaxError('continuation line before any header');
      value += ` ${line.trim()}`;
      if (value.length > limits.maxLineLength) throw new SyntaxError('header line too long');
      continue;
    }
    if (name !== null) pushHeader(headers, name, value, limits);
    const colon = line.indexOf(':');
    if (colon < 0) throw new SyntaxError('header line without colon');
    // The name ends at the colon, less any spaces or tabs before it.
    let end = colon;
    while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
    name = line.slice(0, end);
    if (!isToken(name)) throw new SyntaxError('bad header name');
    value = line.slice(colon + 1);
  }
  if (name !== null) pushHeader(headers, name, value, limits);
  return headers;
}

/** Parse one SIP message: over WebSocket each frame carries exactly one (RFC 7118 §5). Never throws. */
export function parseMessage(data: Buffer | string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (buf.length > limits.maxMessageBytes) return { kind: 'invalid', reason: 'message too large', status: 0 };
  // RFC 3261 §7.5: CRLFs before the start line are ignored; a frame of nothing else is a keep-alive.
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  if (start === buf.length) return { kind: 'keepalive' };
  const rest = buf.subarray(start);
  const { end, bodyStart } = findHeaderEnd(rest);
  const headText = rest.subarray(0, end).toString('utf8');
  // Lines end in CRLF or, leniently, a bare LF: split at LF and drop a CR before it (no regex split per message).
  const lines = headText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 0x0d) lines[i] = line.slice(0, -1);
  }
  const startLine = lines.shift() ?? '';
  if (startLine.length > limits.maxLineLength) return { kind: 'invalid', reason: 'start line too long', status: 0 };
  const body = rest.subarray(bodyStart);

  let headers: Header[];
  try {
    headers = unfold(lines, limits);
  } catch (e) {
    const request = salvageRequest(startLine, lines, body);
    return { kind: 'invalid', reason: (e as Error).message, status: 400, ...(request ? { request } : {}) };
  }

  const statusMatch = STATUS_LINE.exec(startLine);
  if (statusMatch) {
    const status = Number(statusMatch[1]);
    if (status < 100) return { kind: 'invalid', reason: 'bad status code', status: 0 };
    const message: SipMessage = { kind: 'response', status, reason: statusMatch[2] ?? '', headers, body };
    const problem = checkCommon(message);
    if (problem !== null) return { kind: 'invalid', reason: problem, status: 0 };
    return { kind: 'message', message };
  }
  const req = REQUEST_LINE.exec(startLine);
  if (!req) return { kind: 'invalid', reason: 'bad start line', status: 0 };
  const request: SipRequest = { kind: 'request', method: req[1]!, uri: req[2]!, headers, body };
  if (req[3]!.toUpperCase() !== 'SIP/2.0') {
    return { kind: 'invalid', reason: 'Version Not Supported', status: 505, request };
  }
  const problem = checkCommon(request) ?? checkRequest(request);
  if (problem !== null) {
    const status = problem === 'Unsupported URI Scheme' ? 416 : 400;
    return { kind: 'invalid', reason: problem, status, request };
  }
  return { kind: 'message', message: request };
}

/** The values of the headers checkCommon reads, gathered in one pass over the message (no map per message; issue 19). */
interface Checked {
  from: string[] | null;
  to: string[] | null;
  callId: string[] | null;
  cseq: string[] | null;
  via: string[] | null;
  contact: string[] | null;
  route: string[] | null;
  recordRoute: string[] | null;
  contentLength: string[] | null;
  maxForwards: string[] | null;
  expires: string[] | null;
}

const NONE: readonly string[] = [];
const add = (list: string[] | null, value: string): string[] => {
  if (list === null) return [value];
  list.push(value);
  return list;
};

function gather(msg: SipMessage): Checked {
  const c: Checked = {
    from: null,
    to: null,
    callId: null,
    cseq: null,
    via: null,
    contact: null,
    route: null,
    recordRoute: null,
    contentLength: null,
    maxForwards: null,
    expires: null,
  };
  for (const h of msg.headers) {
    switch (h.name) {
      case 'From':
        c.from = add(c.from, h.value);
        break;
      case 'To':
        c.to = add(c.to, h.value);
        break;
      case 'Call-ID':
        c.callId = add(c.callId, h.value);
        break;
      case 'CSeq':
        c.cseq = add(c.cseq, h.value);
        break;
      case 'Via':
        c.via = add(c.via, h.value);
        break;
      case 'Contact':
        c.contact = add(c.contact, h.value);
        break;
      case 'Route':
        c.route = add(c.route, h.value);
        break;
      case 'Record-Route':
        c.recordRoute = add(c.recordRoute, h.value);
        break;
      case 'Content-Length':
        c.contentLength = add(c.contentLength, h.value);
        break;
      case 'Max-Forwards':
        c.maxForwards = add(c.maxForwards, h.value);
        break;
      case 'Expires':
        c.expires = add(c.expires, h.value);
        break;
      default:
    }
  }
  return c;
}

function exactlyOne(name: string, values: readonly string[] | null): string | null {
  if (values === null) return `missing ${name}`;
  return values.length > 1 ? `duplicate ${name}` : null;
}

/** Checks every message must pass before it is acted on (RFC 3261 §8.1.1, §8.2, §18.3). Returns a reason. */
function checkCommon(msg: SipMessage): string | null {
  const c = gather(msg);
  try {
    const once =
      exactlyOne('From', c.from) ?? exactlyOne('To', c.to) ?? exactlyOne('Call-ID', c.callId) ?? exactlyOne('CSeq', c.cseq);
    if (once !== null) return once;
    if (c.via === null) return 'missing Via';
    for (const v of c.via) parseVia(v);
    parseNameAddr(c.from![0]!);
    parseNameAddr(c.to![0]!);
    if (!/^\S+$/.test(c.callId![0]!)) return 'bad Call-ID';
    const cseq = parseCSeq(c.cseq![0]!);
    if (msg.kind === 'request' && cseq.method !== msg.method) return 'CSeq method does not match';
    for (const v of c.contact ?? NONE) if (v !== '*') parseNameAddr(v);
    for (const v of c.route ?? NONE) parseNameAddr(v);
    for (const v of c.recordRoute ?? NONE) parseNameAddr(v);
    const lengths = c.contentLength ?? NONE;
    if (lengths.length > 1 && lengths.some((l) => l.trim() !== lengths[0]!.trim())) return 'conflicting Content-Length';
    if (lengths.length > 0) {
      const declared = parseSmallInt(lengths[0]!, 16 * 1024 * 1024);
      // RFC 3261 §18.3: a body shorter than declared is an error; extra octets are discarded.
      if (declared > msg.body.length) return 'body shorter than Content-Length';
      msg.body = msg.body.subarray(0, declared);
    }
    for (const v of c.maxForwards ?? NONE) parseSmallInt(v, 255);
    for (const v of c.expires ?? NONE) parseSmallInt(v, 2 ** 32 - 1);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function checkRequest(req: SipRequest): string | null {
  try {
    const uri = parseUri(req.uri);
    if (uri.scheme !== 'sip' && uri.scheme !== 'sips' && uri.scheme !== 'tel') return 'Unsupported URI Scheme';
    // RFC 3261 §19.1.1 table 1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.15).
    if (uri.headers !== null) return 'headers in Request-URI';
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** After a header-level syntax error, keep what is well-formed so a 400 can still reach the sender. */
function salvageRequest(startLine: string, lines: string[], body: Buffer): SipRequest | undefined {
  const req = REQUEST_LINE.exec(startLine);
  if (!req) return undefined;
  const headers: Header[] = [];
  for (const line of lines) {
    const m = /^([A-Za-z0-9\-.!%*_+`'~]+)[ \t]*:(.*)$/.exec(line);
    if (m) headers.push({ name: canonicalName(m[1]!), value: m[2]!.trim() });
    if (headers.length >= DEFAULT_LIMITS.maxHeaders) break;
  }
  return { kind: 'request', method: req[1]!, uri: req[2]!, headers, body };
}
