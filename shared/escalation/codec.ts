import { err, ok, type Result } from '../result';
import { base64urlDecode, base64urlEncode, base64urlLength, utf8Decode, utf8Encode, utf8Length } from './bytes';
import {
  ESCALATION_CONTEXT_VERSION,
  ESCALATION_LIMITS,
  escalationContextSchema,
  FREE_TEXT_FIELDS,
  type EscalationContext,
  type EscalationContextInput,
  type FreeTextField,
} from './schema';
import { ESCALATION_VALIDATION } from './text';
import { userToUserHeader } from './uui';
import { HMAC_SHA256_BYTES, hmacSha256, hmacSha256Verify } from './web-crypto';
import { fromWire, toWire } from './wire';

/**
 * `X-Warmline-Context: <payload>.<signature>`, where payload is base64url(UTF-8(compact JSON))
 * and signature is base64url(HMAC-SHA256(team key, "X-Warmline-Context:" + payload)), both
 * unpadded; an unsigned context (no team key configured) ends in a bare "." instead.
 *
 * Shaped like a compact JWS but not one: a JWT carries its own `alg` header, which invites the
 * alg-confusion and `alg: none` mistakes unless every reader pins it, plus a claims vocabulary
 * (iss, aud, exp) we do not use, and costs ~40 bytes of a 4 KB budget. Here there is one
 * algorithm, no header to trust, and the version lives inside the signed payload. The header
 * name in the signed input keeps this MAC from being valid for any other use of the team key.
 */
export const CONTEXT_HEADER = 'X-Warmline-Context';
/** Many SIP stacks and proxies cap a header line near 4 KB; the whole value stays within it. */
export const MAX_CONTEXT_HEADER_BYTES = 4096;
const SIGNATURE_CHARS = base64urlLength(HMAC_SHA256_BYTES);
/** The payload gets the same room signed or not, so signing never changes what is sent. */
const MAX_PAYLOAD_CHARS = MAX_CONTEXT_HEADER_BYTES - 1 - SIGNATURE_CHARS;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Appended where the codec cut a free-text field to fit: the editor's mark for omitted text, the same in every language. */
export const TRUNCATION_MARKER = '[…]';

export type EscalationEncodeError =
  | { readonly code: 'invalid-context'; readonly issues: readonly { readonly path: string; readonly message: string }[] }
  | { readonly code: 'crypto-unavailable'; readonly message: string };

export interface EncodedEscalationContext {
  /** The `X-Warmline-Context` value. */
  readonly header: string;
  /** The `User-to-User` value: the escalation id alone, for servers that strip X- headers. */
  readonly userToUser: string;
  /** What was sent: normalised, and cut where `shortened` says. */
  readonly context: EscalationContext;
  readonly shortened: readonly FreeTextField[];
  readonly signed: boolean;
}

export type UnreadableReason =
  'oversized' | 'malformed-encoding' | 'invalid-json' | 'schema' | 'future-version' | 'truncated' | 'markup';
export type UnverifiedReason = 'unsigned' | 'bad-signature' | 'no-team-key';

export type DecodedContext =
  | { readonly status: 'verified'; readonly context: EscalationContext }
  | { readonly status: 'unverified'; readonly context: EscalationContext; readonly why: UnverifiedReason }
  | { readonly status: 'unreadable'; readonly why: UnreadableReason };

const payloadOf = (context: EscalationContext): string => JSON.stringify(toWire(context));
const fits = (json: string): boolean => base64urlLength(utf8Length(json)) <= MAX_PAYLOAD_CHARS;
const signingInput = (payload: string): Uint8Array => utf8Encode(`${CONTEXT_HEADER}:${payload}`);

function graphemes(text: string): string[] {
  return typeof Intl.Segmenter === 'function'
    ? Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment)
    : Array.from(text);
}

function cut(parts: readonly string[], keep: number): string {
  const head = parts.slice(0, keep).join('').trimEnd();
  return head === '' ? TRUNCATION_MARKER : `${head} ${TRUNCATION_MARKER}`;
}

/**
 * Makes a context fit the header by cutting free text, never by refusing: the customer is on
 * hold while the agent escalates, and a consultee who reads a shortened note is better off than
 * an agent retyping one. Fields are cut in FREE_TEXT_FIELDS order, each to the longest whole
 * grapheme prefix that fits (a binary search: the size only grows with the prefix), and marked.
 * The limits in ESCALATION_LIMITS guarantee that cutting all three always fits (the heaviest
 * possible context is a test). An empty field is never "cut" to a bare marker.
 */
export function fitToHeader(context: EscalationContext): {
  readonly context: EscalationContext;
  readonly shortened: FreeTextField[];
} {
  let current = context;
  const shortened: FreeTextField[] = [];
  for (const field of FREE_TEXT_FIELDS) {
    if (fits(payloadOf(current))) break;
    if (current[field] === '') continue;
    const parts = graphemes(current[field]);
    const withCut = (keep: number) => ({ ...current, [field]: cut(parts, keep) });
    const fitsWith = (keep: number) => {
      const candidate = withCut(keep);
      return candidate[field].length <= ESCALATION_LIMITS[field] && fits(payloadOf(candidate));
    };
    let [lo, hi] = [0, Math.max(0, parts.length - 1)];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fitsWith(mid)) lo = mid;
      else hi = mid - 1;
    }
    current = withCut(lo);
    shortened.push(field);
  }
  return { context: current, shortened };
}

export async function encodeEscalationContext(
  input: EscalationContextInput,
  teamKey?: string,
): Promise<Result<EncodedEscalationContext, EscalationEncodeError>> {
  const parsed = escalationContextSchema.safeParse(input);
  if (!parsed.success) {
    return err({
      code: 'invalid-context',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const { context, shortened } = fitToHeader(parsed.data);
  const payload = base64urlEncode(utf8Encode(payloadOf(context)));
  let signature = '';
  if (teamKey) {
    try {
      signature = base64urlEncode(await hmacSha256(teamKey, signingInput(payload)));
    } catch (e) {
      return err({ code: 'crypto-unavailable', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return ok({
    header: `${payload}.${signature}`,
    userToUser: userToUserHeader(context.id),
    context,
    shortened,
    signed: signature !== '',
  });
}

const unreadable = (why: UnreadableReason): DecodedContext => ({ status: 'unreadable', why });

/** Everything but the signature: structure, encoding, JSON, version, schema, markup. */
function parseHeader(header: string): { context: EscalationContext; payload: string; signature: string } | UnreadableReason {
  const parts = header.split('.');
  const [payload = '', signature] = parts;
  if (parts.length > 2 || payload === '' || !BASE64URL.test(payload)) return 'malformed-encoding';
  // A header cut in transit loses its tail: the signature, or the dot with it. (Cut just after
  // the dot, it reads as an unsigned context: shown, but unverified, which is still safe.)
  if (signature === undefined) return 'truncated';
  if (!BASE64URL.test(signature)) return 'malformed-encoding';
  if (signature.length > 0 && signature.length < SIGNATURE_CHARS) return 'truncated';
  if (signature.length > SIGNATURE_CHARS || (signature !== '' && !base64urlDecode(signature))) return 'malformed-encoding';
  if (payload.length > MAX_PAYLOAD_CHARS) return 'oversized';
  const bytes = base64urlDecode(payload);
  const text = bytes && utf8Decode(bytes);
  if (text === undefined) return 'malformed-encoding';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'invalid-json';
  }
  const version = (json as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > ESCALATION_CONTEXT_VERSION) return 'future-version';
  const parsed = escalationContextSchema.safeParse(fromWire(json));
  if (!parsed.success) {
    return parsed.error.issues.some((i) => i.message === ESCALATION_VALIDATION.markup) ? 'markup' : 'schema';
  }
  return { context: parsed.data, payload, signature };
}

/**
 * Reads a received `X-Warmline-Context` value. Untrusted input: never throws, and anything that
 * is not a valid context of this version is `unreadable` whether or not its signature holds.
 */
export async function decodeEscalationContext(header: unknown, teamKey?: string): Promise<DecodedContext> {
  if (typeof header !== 'string') return unreadable('malformed-encoding');
  // Before any other work, so a hostile megabyte costs one comparison.
  if (header.length > MAX_CONTEXT_HEADER_BYTES) return unreadable('oversized');
  const parsed = parseHeader(header.trim());
  if (typeof parsed === 'string') return unreadable(parsed);
  const { context, payload, signature } = parsed;
  if (signature === '') return { status: 'unverified', context, why: 'unsigned' };
  if (!teamKey) return { status: 'unverified', context, why: 'no-team-key' };
  let valid = false;
  try {
    const mac = base64urlDecode(signature);
    valid = mac !== undefined && (await hmacSha256Verify(teamKey, mac, signingInput(payload)));
  } catch {
    // No Web Crypto: the signature cannot be checked, so it does not count.
  }
  return valid ? { status: 'verified', context } : { status: 'unverified', context, why: 'bad-signature' };
}
