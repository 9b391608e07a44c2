import type { WarmlineDatabase } from '../storage/database';

export interface SettingsRow {
  readonly key: string;
  readonly value: string;
}

/** Raw SQL for the `settings` table: one place, prepared statements only. Values are JSON text. */
export function createSettingsStore(db: WarmlineDatabase) {
  const selectAll = db.prepare<[], SettingsRow>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  return {
    readAll(): SettingsRow[] {
      return selectAll.all();
    },
    /** All pairs in one transaction: a save is either entirely on disk or not at all. */
    writeMany(pairs: readonly (readonly [string, string])[], now: number): void {
      db.transaction(() => {
        for (const [key, value] of pairs) upsert.run(key, value, now);
      })();
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
