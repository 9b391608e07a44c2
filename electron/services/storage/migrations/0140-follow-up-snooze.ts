import type { Migration } from './index';

/**
 * Callbacks due on the agent's home (issue 15) can be snoozed: the snooze is kept beside the
 * promised time (`follow_up_at` stays what was promised), so it survives a restart. The partial
 * index lists every open callback, whoever the customer, without reading closed ones.
 */
export const migration0140: Migration = {
  version: 140,
  name: 'follow-up-snooze',
  up(db) {
    db.exec(`
      ALTER TABLE customer_notes ADD COLUMN follow_up_snoozed_until INTEGER
        CHECK (follow_up_snoozed_until IS NULL OR follow_up_at IS NOT NULL);
      CREATE INDEX customer_notes_open_callbacks ON customer_notes (follow_up_at)
        WHERE follow_up_at IS NOT NULL AND follow_up_closed_at IS NULL;
    `);
  },
};
