import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds a data folder: written beside the lock so a second start can name it. */
export interface DataDirOwner {
  readonly pid: number;
  /** "browser mode" or "desktop app". */
  readonly kind: string;
  /** Where the first one can be reached (browser mode's origin, never its token). */
  readonly address?: string;
  readonly since: string;
}

export interface DataDirLock {
  /** Adds where this Warmline can be reached, once it knows (browser mode's address). */
  describe(address: string): void;
  release(): void;
}

export const LOCK_FILE = 'warmline.lock';
const OWNER_FILE = 'warmline.lock.json';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner | undefined,
  ) {
    const who = owner
      ? `Warmline (${owner.kind}, process ${owner.pid}${owner.address ? `, at ${owner.address}` : ''}, since ${owner.since})`
      : 'Warmline';
    super(
      `Another ${who} is already using the data folder ${dataDir}. Two at once would overwrite each other's notes: ` +
        `use that one, or stop it first, or start this one with another folder (--data-dir).`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * One Warmline per data folder. The lock is an exclusive SQLite lock (POSIX advisory lock on
 * Unix, LockFileEx on Windows) held on `warmline.lock` for as long as this process lives: the
 * operating system drops it when the process ends however it ends (kill -9, a crash, a power
 * cut), so there is no stale lock to clean up. A pid file could not tell a dead owner from a
 * recycled pid. Throws DataDirInUseError naming the owner when another process holds it.
 */
export function lockDataDir(dataDir: string, kind: string, now: () => number = Date.now): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  // No busy wait: a held lock is an answer, not a moment to wait out.
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The write takes the exclusive lock; in EXCLUSIVE locking mode it is kept after COMMIT.
    db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); BEGIN EXCLUSIVE; DELETE FROM lock; COMMIT;');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir, readOwner(dataDir));
    throw error;
  }
  const ownerFile = join(dataDir, OWNER_FILE);
  const write = (address?: string) => {
    const owner: DataDirOwner = { pid: process.pid, kind, since: new Date(now()).toISOString(), ...(address ? { address } : {}) };
    writeFileSync(ownerFile, `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  };
  write();
  let held = true;
  return {
    describe: (address) => write(address),
    release() {
      if (!held) return;
      held = false;
      rmSync(ownerFile, { force: true });
      db.close();
    },
  };
}

function readOwner(dataDir: string): DataDirOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Partial<DataDirOwner>;
    if (typeof value.pid !== 'number' || typeof value.kind !== 'string' || typeof value.since !== 'string') return undefined;
    const address =
      typeof value.address === 'string' && /^https?:\/\/[\w.:[\]-]+$/.test(value.address) ? value.address : undefined;
    return {
      pid: value.pid,
      kind: value.kind.replace(/[^\w ]/g, '').slice(0, 32),
      since: value.since.replace(/[^\w:.-]/g, '').slice(0, 32),
      ...(address ? { address } : {}),
    };
  } catch {
    return undefined;
  }
}
