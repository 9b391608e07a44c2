import { hexEncode, utf8Encode } from './bytes';

/**
 * The slice of Web Crypto this module uses, declared here because shared/ compiles without the
 * DOM and Node libs. `globalThis.crypto` has it in Node 20+ and in every browser's secure context
 * (Electron's file:// and our https/localhost origins are secure contexts).
 */
type HmacKey = object;
interface HmacParams {
  readonly name: 'HMAC';
  readonly hash: 'SHA-256';
}
interface SubtleSlice {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: HmacParams,
    extractable: false,
    usages: ('sign' | 'verify')[],
  ): Promise<HmacKey>;
  sign(algorithm: 'HMAC', key: HmacKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: 'HMAC', key: HmacKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}
interface CryptoSlice {
  readonly subtle?: SubtleSlice;
  getRandomValues(array: Uint8Array): Uint8Array;
}

function webCrypto(): CryptoSlice | undefined {
  return (globalThis as unknown as { readonly crypto?: CryptoSlice }).crypto;
}

function subtle(): SubtleSlice {
  const s = webCrypto()?.subtle;
  if (!s) throw new Error('Web Crypto (crypto.subtle) is not available here');
  return s;
}

const HMAC_SHA256: HmacParams = { name: 'HMAC', hash: 'SHA-256' };
export const HMAC_SHA256_BYTES = 32;

/** The team key as typed in settings, its UTF-8 bytes used as the HMAC key (RFC 2104 hashes keys past the block size). */
function importTeamKey(teamKey: string): Promise<HmacKey> {
  return subtle().importKey('raw', utf8Encode(teamKey), HMAC_SHA256, false, ['sign', 'verify']);
}

/** Rejects when Web Crypto is missing; callers turn that into a typed error. */
export async function hmacSha256(teamKey: string, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', await importTeamKey(teamKey), data));
}

/** Web Crypto's verify compares in constant time, so a forger learns nothing from timing. */
export async function hmacSha256Verify(teamKey: string, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  return subtle().verify('HMAC', await importTeamKey(teamKey), signature, data);
}

/** A fresh escalation id: 128 random bits as 32 lower-case hex digits. */
export function newEscalationId(): string {
  const crypto = webCrypto();
  if (!crypto) throw new Error('Web Crypto (crypto.getRandomValues) is not available here');
  return hexEncode(crypto.getRandomValues(new Uint8Array(16)));
}
