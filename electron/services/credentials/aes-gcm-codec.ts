import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCodec } from './credential-store';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Browser mode's at-rest encryption when the host is given a key (WARMLINE_SECRET_KEY, 32 bytes
 * as 64 hex characters). Layout: version byte, 12-byte IV, 16-byte tag, ciphertext.
 */
export function createAesGcmCodec(key: Buffer): SecretCodec {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (64 hex characters).');
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(blob) {
      if (blob[0] !== VERSION || blob.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('Unknown secret format.');
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

export function parseSecretKey(hex: string | undefined): Buffer | undefined {
  if (hex === undefined || hex === '') return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('WARMLINE_SECRET_KEY must be 64 hex characters.');
  return Buffer.from(hex, 'hex');
}
