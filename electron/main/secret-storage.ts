import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../services/credentials/credential-store';

export interface SecretStorageChoice {
  /** How secrets are encrypted at rest; absent: kept in memory only. */
  readonly codec?: SecretCodec;
  /** Linux offered only its hard-coded key: the user is told why the password is not kept. */
  readonly withoutKeyring: boolean;
}

type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/**
 * On Linux without a keyring (no GNOME Keyring/libsecret, no KWallet) Chromium's safeStorage
 * falls back to `basic_text`: it still reports encryption as available, but encrypts with a key
 * hard-coded in Chromium, so the "encrypted" password in the database is readable by anyone
 * who copies the file. Then secrets are kept in memory only, as browser mode does without a key,
 * and Settings says so. `unknown` (no backend chosen) is treated the same way.
 */
export function chooseSecretStorage(safeStorage: SafeStorageApi, platform: NodeJS.Platform): SecretStorageChoice {
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return { withoutKeyring: true };
  }
  if (!safeStorage.isEncryptionAvailable()) return { withoutKeyring: false };
  return {
    codec: { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (blob) => safeStorage.decryptString(blob) },
    withoutKeyring: false,
  };
}
