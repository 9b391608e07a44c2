import type { Migration } from './index';

/**
 * Call history: one row a call, its holds, consult legs and transfers in their own tables, and
 * the customers calls are keyed to. The renderer's call id is the key every other table uses;
 * `seq` is an explicit integer rowid only so the full-text index (0070) can point at a call:
 * VACUUM may renumber an implicit rowid and would silently detach the index from the rows.
 * The CHECK lists are copied, not imported: a migration must mean tomorrow what it means today.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'calls',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        key TEXT PRIMARY KEY NOT NULL
          CHECK (length(key) BETWEEN 5 AND 80 AND (key GLOB 'tel:*' OR key GLOB 'ref:*')),
        display_name TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 128),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE calls (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 128),
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number TEXT NOT NULL CHECK (length(remote_number) <= 64),
        remote_name TEXT NOT NULL CHECK (length(remote_name) <= 128),
        customer_key TEXT REFERENCES customers (key),
        queue TEXT NOT NULL CHECK (length(queue) <= 64),
        started_at INTEGER NOT NULL,
        answered_at INTEGER CHECK (answered_at >= started_at),
        ended_at INTEGER NOT NULL CHECK (ended_at >= started_at),
        end_reason TEXT NOT NULL CHECK (end_reason IN
          ('local-hangup', 'remote-hangup', 'rejected', 'missed', 'transfer-completed', 'failed')),
        end_status INTEGER CHECK (end_status BETWEEN 100 AND 699),
        talk_ms INTEGER NOT NULL CHECK (talk_ms >= 0),
        hold_ms INTEGER NOT NULL CHECK (hold_ms >= 0),
        consult_ms INTEGER NOT NULL CHECK (consult_ms >= 0),
        -- Set when wrap-up is finished; NULL while it is open.
        acw_ms INTEGER CHECK (acw_ms >= 0),
        disposition TEXT CHECK (length(disposition) <= 64),
        notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
        mean_mos REAL CHECK (mean_mos BETWEEN 1 AND 5),
        wrapped_up_at INTEGER,
        recorded_at INTEGER NOT NULL
      ) STRICT;

      -- The history list, newest first, with a keyset cursor on (ended_at, id); one index per filter.
      CREATE INDEX calls_by_end ON calls (ended_at, id);
      CREATE INDEX calls_by_direction ON calls (direction, ended_at, id);
      CREATE INDEX calls_by_disposition ON calls (disposition, ended_at, id);
      -- The screen pop: a customer's last calls.
      CREATE INDEX calls_by_customer ON calls (customer_key, ended_at);

      CREATE TABLE call_holds (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL CHECK (end_at >= start_at),
        PRIMARY KEY (call_id, ordinal)
      ) STRICT;

      CREATE TABLE consults (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('queue', 'agent', 'external')),
        target_value TEXT NOT NULL CHECK (length(target_value) BETWEEN 1 AND 64),
        target_name TEXT NOT NULL CHECK (length(target_name) <= 64),
        dialed_at INTEGER NOT NULL,
        answered_at INTEGER,
        merged_at INTEGER,
        ended_at INTEGER NOT NULL CHECK (ended_at >= dialed_at),
        outcome TEXT NOT NULL CHECK (outcome IN
          ('failed', 'cancelled', 'consult-party-hung-up', 'transferred', 'call-ended')),
        failure_reason TEXT CHECK (failure_reason IN ('no-answer', 'busy', 'declined', 'no-agents', 'error')),
        sip_status INTEGER CHECK (sip_status BETWEEN 100 AND 699),
        CHECK ((outcome = 'failed') = (failure_reason IS NOT NULL)),
        PRIMARY KEY (call_id, ordinal)
      ) STRICT;

      -- The transfer chain: every REFER the agent sent on the call, oldest first.
      CREATE TABLE transfers (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        mode TEXT NOT NULL CHECK (mode IN ('blind', 'attended')),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('queue', 'agent', 'external')),
        target_value TEXT NOT NULL CHECK (length(target_value) BETWEEN 1 AND 64),
        target_name TEXT NOT NULL CHECK (length(target_name) <= 64),
        requested_at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'failed')),
        sip_status INTEGER CHECK (sip_status BETWEEN 100 AND 699),
        PRIMARY KEY (call_id, ordinal)
      ) STRICT;
    `);
  },
};
