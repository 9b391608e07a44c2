import Database from 'better-sqlite3';
import { join } from 'node:path';
import { MIGRATIONS, runMigrations, schemaVersion } from '../../../electron/services/storage/migrations';
import { makeTempDir } from '../../support/temp-dir';

export interface MigratedFile {
  readonly db: Database.Database;
  version(): number;
  migrateTo(to: number): void;
  close(): void;
}

/** A fresh file migrated up to `version` (0 = empty), with foreign keys on as the app has them. */
export function fileAt(version: number): MigratedFile {
  const dir = makeTempDir();
  const db = new Database(join(dir.path, 'warmline.sqlite'));
  db.pragma('foreign_keys = ON');
  runMigrations(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  return {
    db,
    version: () => schemaVersion(db),
    migrateTo(to: number) {
      runMigrations(
        db,
        MIGRATIONS.filter((m) => m.version <= to),
      );
    },
    close() {
      db.close();
      dir.remove();
    },
  };
}

export const isStrict = (db: Database.Database, table: string) =>
  /\)\s*STRICT\s*$/i.test((db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(table) as { sql: string }).sql);

export const T = 1_714_986_000_000;

export const insertCustomer = (db: Database.Database, key = 'tel:+31205550123') =>
  db.prepare("INSERT INTO customers (key, display_name, updated_at) VALUES (?, 'Dana', ?)").run(key, T);

/** A minimal valid call row (schema 30 columns). */
export function insertCall(db: Database.Database, id: string, overrides: Record<string, unknown> = {}) {
  const row = {
    id,
    direction: 'inbound',
    remote_number: '+31205550123',
    remote_name: 'Dana',
    customer_key: null,
    queue: 'support',
    started_at: T - 60_000,
    answered_at: T - 50_000,
    ended_at: T,
    end_reason: 'remote-hangup',
    talk_ms: 50_000,
    hold_ms: 0,
    consult_ms: 0,
    notes: '',
    recorded_at: T,
    ...overrides,
  };
  return db
    .prepare(
      `INSERT INTO calls (id, direction, remote_number, remote_name, customer_key, queue, started_at, answered_at, ended_at,
         end_reason, talk_ms, hold_ms, consult_ms, notes, recorded_at)
       VALUES (@id, @direction, @remote_number, @remote_name, @customer_key, @queue, @started_at, @answered_at, @ended_at,
         @end_reason, @talk_ms, @hold_ms, @consult_ms, @notes, @recorded_at)`,
    )
    .run(row);
}
