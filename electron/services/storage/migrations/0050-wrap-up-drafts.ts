import type { Migration } from './index';

/**
 * The wrap-up form of a call whose after-call work is not finished: one row a call, rewritten on
 * every change (a one-row upsert on the primary key, cheap enough for a save every 200 ms), and
 * deleted when wrap-up finishes. `deadline` is when ACW ends; NULL means "until the agent is ready".
 */
export const migration0050: Migration = {
  version: 50,
  name: 'wrap-up-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE wrap_up_drafts (
        call_id TEXT PRIMARY KEY NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        disposition TEXT NOT NULL CHECK (length(disposition) <= 64),
        notes TEXT NOT NULL CHECK (length(notes) <= 4000),
        follow_up_at INTEGER,
        follow_up_number TEXT CHECK (length(follow_up_number) <= 64),
        next_state TEXT NOT NULL CHECK (next_state IN ('available', 'break')),
        break_reason TEXT CHECK (break_reason IN ('short', 'lunch', 'training', 'meeting', 'technical', 'other')),
        break_note TEXT CHECK (length(break_note) <= 128),
        deadline INTEGER,
        updated_at INTEGER NOT NULL,
        CHECK ((next_state = 'break') = (break_reason IS NOT NULL)),
        CHECK (follow_up_number IS NULL OR follow_up_at IS NOT NULL)
      ) STRICT;
    `);
  },
};
