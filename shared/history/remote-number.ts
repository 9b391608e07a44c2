import { normaliseDialString } from '../dialing/normalise';
import { MAX_NORMALISED_NUMBER } from './number';

// Not exported from shared/history's index: it loads libphonenumber's metadata, which the renderer
// fetches when a number is first normalised rather than at start (issue 19).

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
