import { displaySafe, truncateText } from '../../../shared/text';

/**
 * JsSIP copies `extraHeaders` strings into the message verbatim: a CR or LF in a value would
 * end the header and let text from an agent or a CRM inject headers or a body (CRLF
 * injection). Every header we send is built here, from a token name and a checked value.
 */

/** A header line that passed `sipHeader`; JsSIP's `extraHeaders` only ever gets these. */
export type SafeHeader = string & { readonly __brand: 'SafeHeader' };

/** RFC 3261 §25.1 token: the characters a header name may use. */
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
// Control characters, including CR, LF, NUL and DEL; a tab is allowed inside a value.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
export const MAX_HEADER_VALUE = 512;

/** The escalation context header carries up to 4 KB of base64url (shared/escalation). */
export const MAX_CONTEXT_HEADER_VALUE = 4096;

export function isSafeHeaderValue(value: string, max: number = MAX_HEADER_VALUE): boolean {
  return value.length <= max && !CONTROL.test(value);
}

export function sipHeader(name: string, value: string, max: number = MAX_HEADER_VALUE): SafeHeader {
  if (!TOKEN.test(name) || name.length > 64) throw new TypeError(`invalid SIP header name: ${JSON.stringify(name)}`);
  if (!isSafeHeaderValue(value, max)) throw new TypeError(`unsafe value for SIP header ${name}`);
  return `${name}: ${value}` as SafeHeader;
}

/**
 * Text from the network for display (a caller's name, a queue, a reason phrase): controls and
 * bidi overrides removed, white space squeezed, capped — by the one shared rule (`shared/text`).
 */
export function cleanText(raw: unknown, max: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = displaySafe(raw);
  return text === '' ? undefined : truncateText(text, max, '…');
}

export const CONTEXT_HEADER = 'X-Warmline-Context';
/** shared/supervision/request.ts's SUPERVISE_HEADER, spelt here so the phone can spot a request without loading its checks. */
export const SUPERVISE_HEADER = 'X-Warmline-Supervise';
export const USER_TO_USER_HEADER = 'User-to-User';

/** An untrusted header value kept verbatim for a decoder: only a size cap and no control characters. */
export function rawHeader(getHeader: (name: string) => string | undefined, name: string, max: number): string | undefined {
  const value = getHeader(name)?.trim();
  if (!value || value.length > max || CONTROL.test(value)) return undefined;
  return value;
}

/**
 * On the INVITE of an escalation consult: this call is a colleague asking, not a customer. The
 * receiving desk starts its de-escalation stages and call target only when the customer is
 * transferred in (a new call, which does not carry it).
 */
export const CONSULT_LEG_HEADER = 'X-Warmline-Leg';

export function isConsultLeg(getHeader: (name: string) => string | undefined): boolean {
  return getHeader(CONSULT_LEG_HEADER)?.trim().toLowerCase() === 'consult';
}

export const QUEUE_HEADER = 'X-Warmline-Queue';
export const QUEUE_WAIT_HEADER = 'X-Warmline-Queue-Wait';

/** Reads the queue headers a server may put on an INVITE; absent or garbage means no queue. */
export function parseQueue(getHeader: (name: string) => string | undefined): { name: string; waitSeconds?: number } | undefined {
  const name = cleanText(getHeader(QUEUE_HEADER), 64);
  if (!name) return undefined;
  const rawWait = getHeader(QUEUE_WAIT_HEADER)?.trim();
  const wait = rawWait && /^\d{1,6}$/.test(rawWait) ? Number(rawWait) : undefined;
  return wait === undefined ? { name } : { name, waitSeconds: wait };
}

/** DTMF digits we send: RFC 4733 events 0-9, *, #, A-D, and ',' for a pause (JsSIP). */
export function isValidDtmf(digits: string): boolean {
  return /^[0-9*#A-Da-d,]{1,32}$/.test(digits);
}
