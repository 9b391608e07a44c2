/**
 * What the simulated customer needs to follow a transfer (RFC 3515 REFER, RFC 3891 Replaces): the target of a
 * REFER, read defensively (it comes from whoever is in the call), and the NOTIFYs that report the outcome back.
 */
import { parseNameAddr } from '../sip/fields.js';
import type { Header } from '../sip/types.js';

/** A Refer-To longer than this is refused: a Call-ID, two tags and an address fit many times over. */
export const MAX_REFER_TO = 2048;
/** Referred-By is copied into the new call (RFC 3892; it may carry a sealed escalation context of up to 4 KB). */
export const MAX_REFERRED_BY = 8192;

export interface ReferTarget {
  /** The URI to INVITE, without its header part. */
  readonly uri: string;
  /** The Replaces header the Refer-To asks for (RFC 3891 §5), decoded; absent for a blind transfer. */
  readonly replaces?: string;
}

const REPLACES = /^[\x21-\x7e]+(;[\x21-\x7e]+)*$/;

/**
 * The Refer-To of a REFER as a target to call, or null when it is not a plain sip:/sips: address (tel:, http:,
 * an embedded header other than Replaces, a malformed escape, control characters): those are declined.
 */
export function parseReferTo(value: string | undefined): ReferTarget | null {
  if (value === undefined || value.length > MAX_REFER_TO) return null;
  let uri;
  try {
    uri = parseNameAddr(value).uri;
  } catch {
    return null;
  }
  if (uri.scheme !== 'sip' && uri.scheme !== 'sips') return null;
  const raw = uri.raw;
  const question = raw.indexOf('?');
  const base = question >= 0 ? raw.slice(0, question) : raw;
  if (question < 0) return { uri: base };
  let replaces: string | undefined;
  for (const part of raw.slice(question + 1).split('&')) {
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    if (name.toLowerCase() !== 'replaces' || replaces !== undefined) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return null;
    }
    if (!REPLACES.test(decoded)) return null;
    replaces = decoded;
  }
  return replaces === undefined ? { uri: base } : { uri: base, replaces };
}

/** The Referred-By to copy into the new call, if it is one we can pass on unchanged. */
export function referredByToCopy(value: string | undefined): Header[] {
  if (value === undefined || value.length > MAX_REFERRED_BY || /[\x00-\x1f\x7f]/.test(value)) return [];
  return [{ name: 'Referred-By', value }];
}

/** The headers and body of a NOTIFY for the refer subscription (RFC 3515 §2.4.5): the new call's progress as a sipfrag. */
export function referNotify(
  referCseq: number,
  status: number,
  reason: string,
): { headers: Header[]; body: { type: string; text: string } } {
  const final = status >= 200;
  return {
    headers: [
      { name: 'Event', value: `refer;id=${referCseq}` },
      { name: 'Subscription-State', value: final ? 'terminated;reason=noresource' : 'active;expires=60' },
    ],
    body: { type: 'message/sipfrag;version=2.0', text: `SIP/2.0 ${status} ${reason}\r\n` },
  };
}
