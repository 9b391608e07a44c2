import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/storage/database';
import { runMigrations, schemaVersion } from '../../../electron/services/storage/migrations';
import { migration0010 } from '../../../electron/services/storage/migrations/0010-initial';
import { migration0020 } from '../../../electron/services/storage/migrations/0020-window-state';
import { createWindowStateStore } from '../../../electron/services/window-state/window-state-store';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  dir = makeTempDir();
  file = join(dir.path, 'warmline.sqlite');
});
afterEach(() => dir.remove());

const insert = 'INSERT INTO window_state (name, x, y, width, height, maximized, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

describe('migration 0020 (window state)', () => {
  it('adds a strict window_state table to a version-10 file, keeping its settings', () => {
    const db = new Database(file);
    runMigrations(db, [migration0010]);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('displayName', '\"Ana\"', 1)").run();
    runMigrations(db, [migration0010, migration0020]);
    expect(schemaVersion(db)).toBe(20);
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'window_state'").get() as { sql: string }).sql;
    expect(sql).toMatch(/\)\s*STRICT\s*$/i);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '"Ana"' });
    db.close();
  });

  it('refuses values no window can have: text for numbers, zero sizes, a maximized flag of 2', () => {
    const db = new Database(file);
    runMigrations(db, [migration0010, migration0020]);
    expect(() => db.prepare(insert).run('main', 'left', 0, 800, 600, 0, 1)).toThrow(/cannot store/i);
    expect(() => db.prepare(insert).run('main', 0, 0, 0, 600, 0, 1)).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run('main', 0, 0, 800, 600, 2, 1)).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run('', 0, 0, 800, 600, 0, 1)).toThrow(/CHECK/);
    db.close();
  });
});

describe('window state store', () => {
  it('remembers bounds and the maximized flag across restarts, one row per window', () => {
    const first = openDatabase(file);
    const store = createWindowStateStore(first);
    expect(store.load('main')).toBeUndefined();
    store.save('main', { bounds: { x: -1200.4, y: 40, width: 1100, height: 720.6 }, maximized: false }, 1);
    store.save('main', { bounds: { x: -1200, y: 40, width: 1100, height: 721 }, maximized: true }, 2);
    first.close();
    const again = openDatabase(file);
    expect(createWindowStateStore(again).load('main')).toEqual({
      bounds: { x: -1200, y: 40, width: 1100, height: 721 },
      maximized: true,
    });
    expect(again.prepare('SELECT count(*) AS n FROM window_state').get()).toEqual({ n: 1 });
    again.close();
  });
});
