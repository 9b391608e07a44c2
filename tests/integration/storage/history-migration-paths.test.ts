import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/storage/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, runMigrations, schemaVersion } from '../../../electron/services/storage/migrations';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../support/temp-dir';
import { insertCall, insertCustomer, T } from './history-schema';

let dir: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  dir = makeTempDir();
  file = join(dir.path, 'warmline.sqlite');
});
afterEach(() => dir.remove());

/** What each version can hold: written at that version, it must still be there at the latest. */
function seed(db: Database.Database, version: number) {
  if (version >= 10) db.prepare("INSERT INTO settings VALUES ('displayName', '\"Ana\"', 1)").run();
  if (version >= 20) db.prepare("INSERT INTO window_state VALUES ('main', 0, 0, 800, 600, 0, 1)").run();
  if (version >= 30) {
    insertCustomer(db);
    insertCall(db, 'c1', { customer_key: 'tel:+31205550123', remote_name: 'Renée Dupont', notes: 'refund agreed' });
  }
  if (version >= 40) {
    db.prepare(
      `INSERT INTO escalations (id, call_id, direction, target_kind, target_value, target_name, reason, kind, severity, mood,
         summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, recorded_at)
       VALUES (?, 'c1', 'sent', 'queue', 'senior', '', 'wants-higher-authority', 'hierarchical', 2, 'angry', 's', '', '', ?, 0, 0,
         ?, ?)`,
      // 0110 renamed 'completed' to 'transferred': a file at 110 or later holds only the new name.
    ).run('e'.repeat(32), T, version >= 110 ? 'transferred' : 'completed', T);
    db.prepare("UPDATE calls SET escalation_id = ? WHERE id = 'c1'").run('e'.repeat(32));
  }
  if (version >= 50) {
    db.prepare(
      `INSERT INTO wrap_up_drafts (call_id, disposition, notes, next_state, deadline, updated_at)
       VALUES ('c1', 'refund', 'half-typed', 'available', ?, ?)`,
    ).run(T + 30_000, T);
  }
  if (version >= 60) {
    db.prepare("INSERT INTO customer_notes (customer_key, text, created_at) VALUES ('tel:+31205550123', 'VIP', ?)").run(T);
  }
  if (version >= 120) {
    const id = 'a'.repeat(32);
    db.prepare(
      `INSERT INTO recordings (id, call_id, mime_type, file_name, started_at, ended_at, bytes) VALUES (?, 'c1', 'audio/webm', ?, ?, ?, 9)`,
    ).run(id, `${id}.webm`, T, T);
  }
}

const EARLIER = [0, ...MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION)];

describe('migrating to the latest schema', () => {
  it.each(EARLIER)('from version %i keeps every row and passes the integrity and foreign-key checks', (version) => {
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    runMigrations(
      old,
      MIGRATIONS.filter((m) => m.version <= version),
    );
    expect(schemaVersion(old)).toBe(version);
    seed(old, version);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('settings')).toBe(version >= 10 ? 1 : 0);
    expect(count('window_state')).toBe(version >= 20 ? 1 : 0);
    expect(count('calls')).toBe(version >= 30 ? 1 : 0);
    expect(count('escalations')).toBe(version >= 40 ? 1 : 0);
    expect(count('wrap_up_drafts')).toBe(version >= 50 ? 1 : 0);
    expect(count('customer_notes')).toBe(version >= 60 ? 1 : 0);
    // Calls written before the search index existed are found by it.
    const found = db.prepare('SELECT count(*) AS n FROM calls_fts WHERE calls_fts MATCH ?').get('"renee"* "refund"*');
    expect(found).toEqual({ n: version >= 30 ? 1 : 0 });
    db.close();
  });
});
