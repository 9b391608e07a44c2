import type { WarmlineDatabase } from '../storage/database';

/** Turns a secret into bytes safe to store, and back: Electron's safeStorage, or AES-GCM with a key from the environment. */
export interface SecretCodec {
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
}

export interface CredentialStore {
  get(name: string): string | undefined;
  has(name: string): boolean;
  set(name: string, secret: string, now: number): void;
  delete(name: string): void;
}

export const SIP_PASSWORD = 'sip-password';
export const TEAM_KEY = 'team-key';

/** Secrets encrypted at rest in the `credentials` table. */
export function createDbCredentialStore(db: WarmlineDatabase, codec: SecretCodec): CredentialStore {
  const select = db.prepare<[string], { secret: Buffer }>('SELECT secret FROM credentials WHERE name = ?');
  const upsert = db.prepare<[string, Buffer, number]>(
    `INSERT INTO credentials (name, secret, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM credentials WHERE name = ?');
  return {
    get(name) {
      const row = select.get(name);
      return row ? codec.decrypt(row.secret) : undefined;
    },
    has(name) {
      return select.get(name) !== undefined;
    },
    set(name, secret, now) {
      upsert.run(name, codec.encrypt(secret), now);
    },
    delete(name) {
      remove.run(name);
    },
  };
}

/** Browser mode without a key: secrets live only as long as the host process. */
export function createMemoryCredentialStore(): CredentialStore {
  const secrets = new Map<string, string>();
  return {
    get: (name) => secrets.get(name),
    has: (name) => secrets.has(name),
    set: (name, secret) => void secrets.set(name, secret),
    delete: (name) => void secrets.delete(name),
  };
}
