import Database from 'better-sqlite3';
import { CorruptDatabaseError, isCorruptionError } from './corrupt-database';
import { assertKnownSchema, runMigrations } from './migrations';

export type WarmlineDatabase = Database.Database;

/**
 * Opens (creating if needed) the app's SQLite file with the pragmas every connection needs,
 * then brings its schema up to date. Throws `DatabaseFromTheFutureError` for a file written by
 * a newer Warmline, and `CorruptDatabaseError` for a damaged one, leaving either untouched.
 */
export function openDatabase(file: string): WarmlineDatabase {
  const db = new Database(file);
  try {
    // Checked before any pragma: switching to WAL rewrites the file header, and a newer
    // Warmline's file must be left exactly as it was.
    assertKnownSchema(db);
    // Reads the schema before anything is written, so a damaged file fails here, still untouched.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // WAL: readers never block the writer, and a crash mid-write loses at most the open transaction.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
