import { hexEncode, utf8Encode } from './bytes';

/**
 * The slice of Web Crypto this module uses, declared here because shared/ compiles without the
 * DOM and Node libs. `globalThis.crypto` has it in Node 20+ and in every browser's secure context
 * (Electron's file:// and our https/localhost origins are secure contexts).
 */
type HmacKey = object;
type HkdfKey = object;
type AesKey = object;
interface HmacParams {
  readonly name: 'HMAC';
  readonly hash: 'SHA-256';
}
interface HkdfParams {
  readonly name: 'HKDF';
  readonly hash: 'SHA-256';
  readonly salt: Uint8Array;
  readonly info: Uint8Array;
}
interface AesGcmParams {
  readonly name: 'AES-GCM';
  readonly iv: Uint8Array;
  readonly additionalData: Uint8Array;
}
interface SubtleSlice {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: HmacParams,
    extractable: false,
    usages: ('sign' | 'verify')[],
  ): Promise<HmacKey>;
  importKey(format: 'raw', key: Uint8Array, algorithm: 'HKDF', extractable: false, usages: ['deriveKey']): Promise<HkdfKey>;
  deriveKey(
    algorithm: HkdfParams,
    base: HkdfKey,
    derived: { readonly name: 'AES-GCM'; readonly length: 256 },
    extractable: false,
    usages: ('encrypt' | 'decrypt')[],
  ): Promise<AesKey>;
  sign(algorithm: 'HMAC', key: HmacKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: 'HMAC', key: HmacKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  encrypt(algorithm: AesGcmParams, key: AesKey, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: AesKey, data: Uint8Array): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
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

/** AES-GCM's recommended nonce (NIST SP 800-38D §8.2): 96 random bits, never reused with a key in practice. */
export const AES_GCM_IV_BYTES = 12;
/** The full 128-bit tag: shorter tags weaken forgery resistance for nothing (4 KB is the only budget). */
export const AES_GCM_TAG_BYTES = 16;
/** A fixed salt: HKDF without one is sound (RFC 5869 §3.1), a constant just keeps Warmline's keys apart from other uses of the same secret. */
const HKDF_SALT = utf8Encode('Warmline team key');

/**
 * The AES-256-GCM key for one purpose, derived from the team key with HKDF-SHA256 (RFC 5869).
 * `info` names the purpose, so the encryption key is never the HMAC key of the older format and
 * a new use of the team key gets a key of its own by a new label.
 */
function aesKey(teamKey: string, info: string): Promise<AesKey> {
  const s = subtle();
  return s
    .importKey('raw', utf8Encode(teamKey), 'HKDF', false, ['deriveKey'])
    .then((base) =>
      s.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8Encode(info) },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    );
}

/** Encrypts and authenticates `plaintext` and `aad`; returns ciphertext with the tag appended (Web Crypto's layout). */
export async function aesGcmSeal(
  teamKey: string,
  info: string,
  iv: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  const key = await aesKey(teamKey, info);
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plaintext));
}

/** The plaintext, or `undefined` when the tag does not hold: wrong key, altered bytes or altered AAD look alike, by design. */
export async function aesGcmOpen(
  teamKey: string,
  info: string,
  iv: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Promise<Uint8Array | undefined> {
  const key = await aesKey(teamKey, info);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, sealed));
  } catch {
    return undefined;
  }
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

export function randomBytes(length: number): Uint8Array {
  const crypto = webCrypto();
  if (!crypto) throw new Error('Web Crypto (crypto.getRandomValues) is not available here');
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A fresh escalation id: 128 random bits as 32 lower-case hex digits. */
export function newEscalationId(): string {
  const crypto = webCrypto();
  if (!crypto) throw new Error('Web Crypto (crypto.getRandomValues) is not available here');
  return hexEncode(crypto.getRandomValues(new Uint8Array(16)));
}
