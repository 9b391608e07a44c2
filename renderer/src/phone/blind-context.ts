import { MAX_CONTEXT_HEADER_VALUE, sipHeader, type SafeHeader } from './headers';

/**
 * How a blind transfer's escalation context reaches the member: as a parameter of the REFER's
 * Referred-By (RFC 3892). A blind transfer's INVITE is sent by the customer's phone, not ours,
 * and a standard referee copies little of the REFER into it: SIP.js (and JsSIP) drop every
 * Refer-To URI header but Replaces, and a queue or a registrar rewrites the Request-URI, so a
 * Refer-To URI parameter is gone by the time a member rings. Referred-By is the one field
 * RFC 3892 §3 has the referee copy verbatim into the triggered INVITE (SIP.js's
 * Referral.makeInviter does; so do the desk phones that implement RFC 3892), and proxies, the
 * lab's ACD and Kamailio included, pass it untouched. The value is the sealed `w2.` context
 * (shared/escalation/sealed.ts): opaque to the customer's phone that relays it, and bound to the
 * customer's identity, which the member's phone sees on that INVITE.
 *
 *   Referred-By: <sip:1001@warmline.lab>;x-warmline-context=w2.<iv>.<ciphertext>
 *
 * The value is base64url and dots only: a SIP token (RFC 3261 §25.1 generic-param), no quoting.
 */
export const REFERRED_BY_HEADER = 'Referred-By';
export const REFERRED_BY_CONTEXT_PARAM = 'x-warmline-context';

const TOKEN_VALUE = /^[A-Za-z0-9._-]+$/;
/** A SIP or SIPS URI with nothing that could end the name-addr or start a header parameter early. */
const PLAIN_URI = /^sips?:[^\s<>";,]+$/i;
/** The referrer's URI and other parameters leave room beyond the context itself. */
const MAX_REFERRED_BY = MAX_CONTEXT_HEADER_VALUE + 512;

/** The Referred-By of a blind transfer's REFER: this agent as the referrer, the sealed context as a parameter. */
export function referredByWithContext(ownUri: string, sealedContext: string): SafeHeader {
  const uri = /^sips?:/i.test(ownUri) ? ownUri : `sip:${ownUri}`;
  if (!PLAIN_URI.test(uri)) throw new TypeError('the referrer URI cannot go into Referred-By');
  if (sealedContext.length > MAX_CONTEXT_HEADER_VALUE || !TOKEN_VALUE.test(sealedContext))
    throw new TypeError('the context is not a token that fits Referred-By');
  return sipHeader(REFERRED_BY_HEADER, `<${uri}>;${REFERRED_BY_CONTEXT_PARAM}=${sealedContext}`, MAX_REFERRED_BY);
}

export type ReferredByContext = { readonly value: string } | 'oversized' | undefined;

/**
 * The context parameter of a received Referred-By, untrusted: bounded, verbatim for the decoder
 * (which checks its format and seal). `oversized` when the header is too long to be read and
 * names the parameter; undefined when there is none.
 */
export function referredByContext(raw: string | undefined): ReferredByContext {
  if (raw === undefined) return undefined;
  const lower = raw.toLowerCase();
  if (!lower.includes(REFERRED_BY_CONTEXT_PARAM)) return undefined;
  if (raw.length > MAX_REFERRED_BY || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(raw)) return 'oversized';
  for (const param of headerParams(raw)) {
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    if (name !== REFERRED_BY_CONTEXT_PARAM || eq < 0) continue;
    const value = unquote(param.slice(eq + 1).trim());
    return value === '' ? undefined : { value };
  }
  return undefined;
}

/** RFC 3261 §20.10: with a name-addr the header parameters follow the `>`; with an addr-spec, the first `;`. */
function headerParams(value: string): string[] {
  let rest = value.trim();
  if (rest.startsWith('"')) {
    const close = closingQuote(rest);
    if (close < 0) return [];
    rest = rest.slice(close + 1);
  }
  const open = rest.indexOf('<');
  if (open >= 0) {
    const close = rest.indexOf('>', open);
    if (close < 0) return [];
    rest = rest.slice(close + 1);
  } else {
    const semi = rest.indexOf(';');
    rest = semi < 0 ? '' : rest.slice(semi);
  }
  return rest
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
