import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/storage/database';
import {
  DatabaseFromTheFutureError,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  runMigrations,
  schemaVersion,
  type Migration,
} from '../../../electron/services/storage/migrations';
import { migration0010 } from '../../../electron/services/storage/migrations/0010-initial';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  dir = makeTempDir();
  file = join(dir.path, 'warmline.sqlite');
});
afterEach(() => dir.remove());

const isStrict = (db: Database.Database, table: string) =>
  /\)\s*STRICT\s*$/i.test((db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(table) as { sql: string }).sql);

describe('opening the data file', () => {
  it('creates a new file at the latest schema, in WAL mode with foreign keys on', () => {
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('numbers migrations in steps of ten, in order', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe((i + 1) * 10));
  });

  it('reopens an up-to-date file without running anything again', () => {
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file from a newer Warmline and leaves it untouched', () => {
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    future.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseFromTheFutureError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls a failing migration back whole, keeping the version it had', () => {
    const db = new Database(file);
    const broken: Migration = {
      version: 20,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('disk on fire');
      },
    };
    expect(() => runMigrations(db, [migration0010, broken])).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration 0010 (initial)', () => {
  it('creates strict settings and credentials tables from an empty file', () => {
    const db = new Database(file);
    runMigrations(db, [migration0010]);
    expect(schemaVersion(db)).toBe(10);
    expect(isStrict(db, 'settings')).toBe(true);
    expect(isStrict(db, 'credentials')).toBe(true);
    expect(() => db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('k', 1, 'now')).toThrow(
      /cannot store/i,
    );
    db.close();
  });
});
