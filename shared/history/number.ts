import { normaliseDialString } from '../dialing/normalise';

/** The longest normalised number kept: E.164 is 15 digits; extensions and odd user parts fit too. */
export const MAX_NORMALISED_NUMBER = 64;

/**
 * The caller's number as history stores and searches it: the user part of a SIP URI, then E.164
 * when it parses as a phone number (with the agent's default country for national numbers), the
 * digits of an internal extension as dialled, or else the user part as it came (capped).
 */
export function normaliseRemoteNumber(raw: string, defaultCountry?: string): string {
  let user = raw.trim();
  const uri = /^sips?:([^@;>]*)/i.exec(user);
  if (uri) user = uri[1] ?? '';
  user = user.replace(/;.*$/, '');
  try {
    user = decodeURIComponent(user);
  } catch {
    // A malformed escape: keep the user part as it came.
  }
  const dialled = normaliseDialString(user, defaultCountry);
  if (dialled.ok) {
    const target = dialled.value;
    if (target.kind === 'e164') return target.number;
    if (target.kind === 'extension') return target.digits;
  }
  return Array.from(user.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ''))
    .slice(0, MAX_NORMALISED_NUMBER)
    .join('');
}

/** A customer is keyed by a normalised number (`tel:+3120…`) or an account reference (`ref:ACME-42`). */
export const CUSTOMER_KEY_PATTERN = /^(tel:\+?[0-9*#]{2,32}|ref:[^\u0000-\u001f\u007f-\u009f]{1,64})$/;

/** The customer a number belongs to; none for withheld or non-numeric callers ("anonymous", a SIP name). */
export function customerKeyForNumber(normalised: string): string | undefined {
  return /^\+?[0-9*#]{2,32}$/.test(normalised) ? `tel:${normalised}` : undefined;
}

export function customerKeyForReference(reference: string): string | undefined {
  const key = `ref:${reference.trim()}`;
  return CUSTOMER_KEY_PATTERN.test(key) ? key : undefined;
}
