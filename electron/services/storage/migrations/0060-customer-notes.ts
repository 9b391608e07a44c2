import type { Migration } from './index';

/**
 * What agents wrote about a customer, and the callbacks owed: a note with `follow_up_at` is an
 * open follow-up until `follow_up_closed_at` is set. The partial index keeps the screen pop's
 * "open follow-ups" a lookup however many closed ones a customer has.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'customer-notes',
  up(db) {
    db.exec(`
      CREATE TABLE customer_notes (
        id INTEGER PRIMARY KEY,
        customer_key TEXT NOT NULL REFERENCES customers (key),
        -- Not a foreign key: an agent writes a note during the call, and the call is recorded when it ends.
        call_id TEXT CHECK (length(call_id) BETWEEN 1 AND 128),
        text TEXT NOT NULL CHECK (length(text) <= 2000),
        created_at INTEGER NOT NULL,
        follow_up_at INTEGER,
        follow_up_number TEXT CHECK (length(follow_up_number) <= 64),
        follow_up_closed_at INTEGER,
        CHECK (follow_up_at IS NOT NULL OR (follow_up_number IS NULL AND follow_up_closed_at IS NULL))
      ) STRICT;

      CREATE INDEX customer_notes_by_customer ON customer_notes (customer_key, created_at);
      CREATE INDEX customer_notes_by_call ON customer_notes (call_id);
      CREATE INDEX customer_notes_open_follow_ups ON customer_notes (customer_key, follow_up_at)
        WHERE follow_up_at IS NOT NULL AND follow_up_closed_at IS NULL;
    `);
  },
};
