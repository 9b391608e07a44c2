import { z } from 'zod/mini';
import { base64urlDecode, base64urlEncode, base64urlLength, utf8Decode, utf8Encode } from './bytes';
import { readContextValue, type UnreadableReason } from './context-json';
import type { EscalationContext } from './schema';
import { AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES, aesGcmOpen, aesGcmSeal, randomBytes, sha256 } from './web-crypto';

/**
 * The sealed wire format, `w2.<iv>.<ciphertext>` (base64url, unpadded): AES-256-GCM under a key
 * HKDF-derived from the team key (info label below, distinct from the older format's HMAC use
 * of the key), a fresh 96-bit IV per context, the 128-bit tag at the end of the ciphertext, and
 * the header name and format version as additional authenticated data so a sealed value is good
 * for nothing but this header of this version. The plaintext is `{"e":<envelope>,"c":<context>}`:
 * the context in the compact JSON of wire.ts and an envelope that is authenticated with it
 * (inside the plaintext, so a customer who relays a blind transfer learns not even the times):
 *   i: issued at (ms since the epoch, the sender's clock), x: expires at (default i + 15 min),
 *   k: what the context is bound to ("c" the consult INVITE's Call-ID, "p" the caller),
 *   b: base64url of the first 16 bytes of SHA-256("<k>:<value>"): a fixed size whatever the
 *      value, and nothing new to a reader who gets the key.
 *
 * Why these bindings. A consult INVITE goes from this agent through the server to the member:
 * the agent's phone picks the Call-ID before it seals, a proxy (Kamailio, the lab, its queues)
 * passes it unchanged, and so a context captured there and replayed on any other call fails.
 * A blind transfer's INVITE is sent by the customer's phone with a Call-ID we never see, so
 * there the binding is the customer's identity as the agent saw it (the user part of the
 * asserted identity or From): the member's phone sees the same user on the INVITE.
 * Limits, stated plainly:
 * - A B2BUA that renews the Call-ID (Asterisk app_queue, FreeSWITCH mod_callcenter) makes every
 *   consult context read "not valid for this call": behind one, consult the member's own address.
 * - A blind context can be replayed by that customer, from the same identity, within its window;
 *   the receiving Warmline remembers escalation ids it has seen (replay-guard.ts), so a second use
 *   on another call to the same member is caught, a first use at another member is not.
 * - Validity uses two clocks; CLOCK_SKEW_MS of difference is tolerated either way.
 */
export const SEALED_FORMAT = 'w2';
export const CONTEXT_VALIDITY_MS = 15 * 60_000;
export const CLOCK_SKEW_MS = 2 * 60_000;
const KEY_INFO = 'Warmline X-Warmline-Context w2 AES-256-GCM';
const IV_CHARS = base64urlLength(AES_GCM_IV_BYTES);
const BINDING_BYTES = 16;
const BINDING_CHARS = base64urlLength(BINDING_BYTES);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What a context is for: see above. Values as the two phones see them, compared exactly. */
export type ContextBinding =
  { readonly kind: 'consult'; readonly sipCallId: string } | { readonly kind: 'blind'; readonly customer: string };

/** The INVITE a context arrived on, as the receiving phone saw it. */
export interface ReceivedOn {
  readonly sipCallId: string;
  /** The caller's user part (asserted identity, else From). */
  readonly caller: string;
  /** When the INVITE arrived (ms): validity is judged then, not when a later screen reads it. */
  readonly at: number;
}

export const MAX_BINDING_CHARS = 256;

const envelopeSchema = z.strictObject({
  i: z.int().check(z.minimum(0)).check(z.maximum(8.64e15)),
  x: z.int().check(z.minimum(0)).check(z.maximum(8.64e15)),
  k: z.enum(['c', 'p']),
  b: z.string().check(z.length(BINDING_CHARS)).check(z.regex(BASE64URL)),
});
type Envelope = z.output<typeof envelopeSchema>;

/** The longest envelope JSON: both times at 16 digits. The context gets the rest of the plaintext budget. */
const MAX_ENVELOPE_JSON = `{"i":${'9'.repeat(16)},"x":${'9'.repeat(16)},"k":"c","b":"${'A'.repeat(BINDING_CHARS)}"}`.length;
const PLAINTEXT_FRAME = '{"e":,"c":}'.length;

/** How many bytes of context JSON fit a sealed value of at most `maxChars`. */
export function sealedContextBudget(maxChars: number): number {
  const sealedChars = maxChars - SEALED_FORMAT.length - 1 - IV_CHARS - 1;
  const sealedBytes = Math.floor((sealedChars * 3) / 4);
  return sealedBytes - AES_GCM_TAG_BYTES - PLAINTEXT_FRAME - MAX_ENVELOPE_JSON;
}

const aad = (headerName: string): Uint8Array => utf8Encode(`${headerName}:${SEALED_FORMAT}`);

async function bindingHash(kind: Envelope['k'], value: string): Promise<string> {
  return base64urlEncode((await sha256(utf8Encode(`${kind}:${value}`))).subarray(0, BINDING_BYTES));
}

const kindOf = (binding: ContextBinding): Envelope['k'] => (binding.kind === 'consult' ? 'c' : 'p');
const valueOf = (binding: ContextBinding): string => (binding.kind === 'consult' ? binding.sipCallId : binding.customer);

export function bindingProblem(binding: ContextBinding): string | undefined {
  const value = valueOf(binding);
  return value.trim() === '' || value.length > MAX_BINDING_CHARS ? 'binding' : undefined;
}

export async function seal(
  headerName: string,
  contextJson: string,
  teamKey: string,
  binding: ContextBinding,
  issuedAt: number,
  validForMs: number,
): Promise<{ readonly value: string; readonly expiresAt: number }> {
  const envelope: Envelope = {
    i: issuedAt,
    x: issuedAt + validForMs,
    k: kindOf(binding),
    b: await bindingHash(kindOf(binding), valueOf(binding)),
  };
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const plaintext = utf8Encode(`{"e":${JSON.stringify(envelope)},"c":${contextJson}}`);
  const sealed = await aesGcmSeal(teamKey, KEY_INFO, iv, aad(headerName), plaintext);
  return { value: `${SEALED_FORMAT}.${base64urlEncode(iv)}.${base64urlEncode(sealed)}`, expiresAt: envelope.x };
}

export type NotValidReason = 'expired' | 'not-yet-valid' | 'other-call';

export type OpenedContext =
  | { readonly context: EscalationContext; readonly valid: true }
  | { readonly context: EscalationContext; readonly valid: false; readonly why: NotValidReason }
  | { readonly unreadable: UnreadableReason };

export const isSealed = (value: string): boolean => value.startsWith(`${SEALED_FORMAT}.`);

/** Opens a `w2.` value and judges it against the INVITE it came on. Never throws. */
export async function openSealed(
  headerName: string,
  value: string,
  teamKey: string | undefined,
  received: ReceivedOn | undefined,
  now: () => number,
): Promise<OpenedContext> {
  const parts = value.split('.');
  const [, ivText = '', sealedText = ''] = parts;
  if (parts.length !== 3 || !BASE64URL.test(ivText) || !BASE64URL.test(sealedText)) return { unreadable: 'malformed-encoding' };
  const iv = base64urlDecode(ivText);
  const sealed = base64urlDecode(sealedText);
  if (iv?.length !== AES_GCM_IV_BYTES || !sealed) return { unreadable: 'malformed-encoding' };
  if (sealed.length < AES_GCM_TAG_BYTES) return { unreadable: 'truncated' };
  if (!teamKey) return { unreadable: 'no-team-key' };
  let plaintext: Uint8Array | undefined;
  try {
    plaintext = await aesGcmOpen(teamKey, KEY_INFO, iv, aad(headerName), sealed);
  } catch {
    // No Web Crypto: nothing can be opened here.
  }
  const text = plaintext && utf8Decode(plaintext);
  if (text === undefined) return { unreadable: 'cannot-open' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: 'invalid-json' };
  }
  const outer = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const envelope = envelopeSchema.safeParse(outer.e);
  if (!envelope.success || Object.keys(outer).length !== 2 || !('c' in outer)) return { unreadable: 'schema' };
  const context = readContextValue(outer.c);
  if (typeof context === 'string') return { unreadable: context };
  const e = envelope.data;
  const at = received?.at ?? now();
  if (at > e.x + CLOCK_SKEW_MS) return { context, valid: false, why: 'expired' };
  if (at < e.i - CLOCK_SKEW_MS) return { context, valid: false, why: 'not-yet-valid' };
  if (!received) return { context, valid: false, why: 'other-call' };
  const seen = e.k === 'c' ? received.sipCallId : received.caller;
  if ((await bindingHash(e.k, seen)) !== e.b) return { context, valid: false, why: 'other-call' };
  return { context, valid: true };
}
