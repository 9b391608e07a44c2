import type { Migration } from './index';

/**
 * Notes typed during a call, before the call is in the history: one row per live call, dropped
 * when its wrap-up draft takes them over or the agent dismisses them after a crash. No foreign
 * key: the call is recorded only when it ends.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'call-notes',
  up(db) {
    db.exec(`
      CREATE TABLE call_notes (
        call_id TEXT PRIMARY KEY NOT NULL CHECK (length(call_id) BETWEEN 1 AND 128),
        notes TEXT NOT NULL CHECK (length(notes) BETWEEN 1 AND 4000),
        remote_name TEXT NOT NULL CHECK (length(remote_name) <= 128),
        remote_number TEXT NOT NULL CHECK (length(remote_number) <= 64),
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
