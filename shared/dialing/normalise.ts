import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** What the agent typed or pasted into the dial pad, made dialable. */
export type DialTarget =
  | { readonly kind: 'e164'; readonly number: string }
  /** Internal extensions and feature codes (`1001`, `*31`, `#`): dialled as typed. */
  | { readonly kind: 'extension'; readonly digits: string }
  | { readonly kind: 'sip-uri'; readonly uri: string };

export type DialError = 'empty' | 'too-long' | 'invalid-characters' | 'invalid-number';

import { MAX_DIAL_INPUT } from './limits';

export { MAX_DIAL_INPUT };
/** Longer than any internal extension plan we know, shorter than a national number. */
const MAX_EXTENSION_DIGITS = 6;

const SIP_URI = /^sips?:[^\s<>"@]+@[^\s<>"@;]+(;[^\s<>"]*)?$/i;
const VISUAL_SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015]/g;

export function normaliseDialString(
  raw: string,
  defaultCountry?: string,
): { ok: true; value: DialTarget } | { ok: false; error: DialError } {
  const input = raw.trim();
  if (input === '') return { ok: false, error: 'empty' };
  if (input.length > MAX_DIAL_INPUT) return { ok: false, error: 'too-long' };
  if (/[\u0000-\u001f\u007f]/.test(input)) return { ok: false, error: 'invalid-characters' };

  if (/^sips?:/i.test(input)) {
    return SIP_URI.test(input)
      ? { ok: true, value: { kind: 'sip-uri', uri: input } }
      : { ok: false, error: 'invalid-characters' };
  }

  // "+31 (0)20 …" is how numbers are printed in the Netherlands and elsewhere; the (0) is not dialled.
  const compact = input.replace(/\(0\)/g, '').replace(VISUAL_SEPARATORS, '');
  if (/^[*#]?[0-9*#]+$/.test(compact) && compact.length <= MAX_EXTENSION_DIGITS && !compact.startsWith('+')) {
    return { ok: true, value: { kind: 'extension', digits: compact } };
  }
  if (!/^\+?[0-9]+$/.test(compact)) return { ok: false, error: 'invalid-characters' };

  const country = isCountryCode(defaultCountry) ? defaultCountry : undefined;
  const withPlus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const parsed = parsePhoneNumberFromString(withPlus, country);
  if (!parsed || !parsed.isPossible()) return { ok: false, error: 'invalid-number' };
  return { ok: true, value: { kind: 'e164', number: parsed.number } };
}

function isCountryCode(value: string | undefined): value is CountryCode {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value);
}

/** The user part to put into a SIP request URI. */
export function dialTargetUser(target: DialTarget): string | undefined {
  switch (target.kind) {
    case 'e164':
      return target.number;
    case 'extension':
      return target.digits;
    case 'sip-uri':
      return undefined;
    default:
      throw new TypeError(`Unhandled dial target: ${JSON.stringify(target satisfies never)}`);
  }
}
