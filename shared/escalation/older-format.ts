import { base64urlDecode, base64urlEncode, base64urlLength, utf8Decode, utf8Encode } from './bytes';
import { readContextJson, type UnreadableReason } from './context-json';
import type { EscalationContext } from './schema';
import { HMAC_SHA256_BYTES, hmacSha256, hmacSha256Verify } from './web-crypto';

/**
 * The older wire format (Warmline before the sealed format): `<payload>.<signature>`, payload
 * base64url(UTF-8(compact JSON)), signature base64url(HMAC-SHA256(team key, "X-Warmline-Context:"
 * + payload)), both unpadded; unsigned (no team key) it ends in a bare ".". Readable by anyone
 * who sees it and valid on any call, forever: it is still read for one release, so a colleague on
 * the previous version is not shut out, and shown as "older format", never as fully verified.
 * Written only when the team has no key (and then only on a consult, which never passes the customer).
 */
const SIGNATURE_CHARS = base64urlLength(HMAC_SHA256_BYTES);
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const signingInput = (header: string, payload: string): Uint8Array => utf8Encode(`${header}:${payload}`);

export async function encodeOlderFormat(header: string, json: string, teamKey?: string): Promise<string> {
  const payload = base64urlEncode(utf8Encode(json));
  const signature = teamKey ? base64urlEncode(await hmacSha256(teamKey, signingInput(header, payload))) : '';
  return `${payload}.${signature}`;
}

export type OlderFormatRead =
  | { readonly signature: 'valid'; readonly context: EscalationContext }
  | { readonly signature: 'unsigned' | 'bad' | 'no-team-key'; readonly context: EscalationContext }
  | { readonly unreadable: UnreadableReason };

/** Structure, encoding, JSON, version, schema and markup first; the signature only of a readable context. */
export async function readOlderFormat(
  headerName: string,
  value: string,
  maxPayloadChars: number,
  teamKey: string | undefined,
): Promise<OlderFormatRead> {
  const parts = value.split('.');
  const [payload = '', signature] = parts;
  if (parts.length > 2 || payload === '' || !BASE64URL.test(payload)) return { unreadable: 'malformed-encoding' };
  // A header cut in transit loses its tail: the signature, or the dot with it. (Cut just after
  // the dot, it reads as an unsigned context: shown, but unverified, which is still safe.)
  if (signature === undefined) return { unreadable: 'truncated' };
  if (!BASE64URL.test(signature)) return { unreadable: 'malformed-encoding' };
  if (signature.length > 0 && signature.length < SIGNATURE_CHARS) return { unreadable: 'truncated' };
  if (signature.length > SIGNATURE_CHARS || (signature !== '' && !base64urlDecode(signature)))
    return { unreadable: 'malformed-encoding' };
  if (payload.length > maxPayloadChars) return { unreadable: 'oversized' };
  const bytes = base64urlDecode(payload);
  const text = bytes && utf8Decode(bytes);
  if (text === undefined) return { unreadable: 'malformed-encoding' };
  const context = readContextJson(text);
  if (typeof context === 'string') return { unreadable: context };
  if (signature === '') return { signature: 'unsigned', context };
  if (!teamKey) return { signature: 'no-team-key', context };
  let valid = false;
  try {
    const mac = base64urlDecode(signature);
    valid = mac !== undefined && (await hmacSha256Verify(teamKey, mac, signingInput(headerName, payload)));
  } catch {
    // No Web Crypto: the signature cannot be checked, so it does not count.
  }
  return { signature: valid ? 'valid' : 'bad', context };
}
