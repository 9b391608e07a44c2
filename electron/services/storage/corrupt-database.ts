import { existsSync, renameSync } from 'node:fs';

/** SQLite's codes for a file that is not (or no longer) a readable database. */
const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_VTAB',
]);

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/**
 * The database file is damaged. Start-up stops with this rather than SQLite's bare "file is not a
 * database": it names the file, says it was left untouched, and how to go on — move it aside
 * and start fresh (browser mode: --reset-corrupt-db; the desktop app offers it), or recover
 * what is readable with the sqlite3 tool.
 */
export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      `The Warmline database ${file} is damaged (SQLite: ${detail}). It has been left exactly as it is. ` +
        `To start with an empty one, move it aside: start browser mode with --reset-corrupt-db (the desktop app offers to), ` +
        `which renames it to ${file}.corrupt-<date>. To recover what is still readable, run ` +
        `sqlite3 "${file}" ".recover" > warmline-recovered.sql on a copy, or restore the file from a backup.`,
    );
    this.name = 'CorruptDatabaseError';
  }
}

/**
 * Renames the damaged file and its WAL and shared-memory files to `<file>.corrupt-<time>`, never
 * deleting anything, so the next open starts an empty database. Returns the new name.
 */
export function moveCorruptDatabaseAside(file: string, now: () => number = Date.now): string {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.corrupt-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
  }
  return aside;
}

/**
 * Opens with `open`; when the database is damaged and the user asked for a fresh start
 * (`--reset-corrupt-db`, or yes in the desktop app's dialog), moves it aside and opens again.
 */
export function openMovingCorruptAside<T>(
  open: () => T,
  moveAside: (error: CorruptDatabaseError) => boolean,
  log: (message: string) => void,
): T {
  try {
    return open();
  } catch (error) {
    if (!(error instanceof CorruptDatabaseError) || !moveAside(error)) throw error;
    const aside = moveCorruptDatabaseAside(error.file);
    log(`Warmline moved the damaged database to ${aside} and starts with an empty one.`);
    return open();
  }
}
