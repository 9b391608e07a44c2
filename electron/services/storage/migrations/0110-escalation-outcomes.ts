import type { Migration } from './index';

/**
 * Escalations record what became of them in the call center's words: transferred, three-way,
 * cancelled, declined (with the consultee's reason when given), failed (with why and the SIP
 * status), blind. Until now a declined consult was a "failure" and a blind transfer was
 * "completed" like a warm one. SQLite cannot change a CHECK in place, so the table is rebuilt
 * inside this migration's transaction (foreign keys cannot be switched off there, as SQLite's
 * own recipe would have it): they are deferred to the commit instead, where every
 * `calls.escalation_id` finds its row again.
 *
 * Old rows map as far as they can tell: completed → transferred (a blind one was not told apart
 * before), conference → three-way, failed/declined → declined (reason unknown), other failures
 * keep their reason.
 */
export const migration0110: Migration = {
  version: 110,
  name: 'escalation-outcomes',
  up(db) {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      -- The child key of calls → escalations, indexed: the drop and refill below look calls up by it
      -- (and SQLite's own foreign-key checks do, whenever an escalation is deleted).
      CREATE INDEX calls_by_escalation ON calls (escalation_id) WHERE escalation_id IS NOT NULL;

      CREATE TEMP TABLE escalations_0110 AS
      SELECT id, call_id, direction, verified, target_kind, target_value, target_name, reason, kind,
        severity, mood, summary, tried, promised, escalated_at, hold_ms, consult_ms,
        CASE
          WHEN outcome = 'completed' THEN 'transferred'
          WHEN outcome = 'conference' THEN 'three-way'
          WHEN outcome = 'failed' AND failure_reason = 'declined' THEN 'declined'
          ELSE outcome
        END AS outcome,
        CASE WHEN outcome = 'failed' AND failure_reason <> 'declined' THEN failure_reason END AS failure_reason,
        NULL AS decline_reason,
        CASE WHEN outcome = 'failed' THEN sip_status END AS sip_status,
        recorded_at
      FROM escalations;

      -- Deferred, the calls pointing at these rows are counted as violations here and counted off
      -- again as each row comes back below: the commit sees none.
      DROP TABLE escalations;

      CREATE TABLE escalations (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
        call_id TEXT NOT NULL REFERENCES calls (id),
        direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
        -- Whether the received context's signature checked out; NULL for sent.
        verified TEXT CHECK (verified IN ('verified', 'unverified')),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('queue', 'agent', 'external')),
        target_value TEXT NOT NULL CHECK (length(target_value) BETWEEN 1 AND 64),
        target_name TEXT NOT NULL CHECK (length(target_name) <= 64),
        reason TEXT NOT NULL CHECK (reason IN ('lacks-expertise', 'wants-higher-authority',
          'solution-not-accepted', 'volume-or-wait-time', 'abusive-or-threatening')),
        kind TEXT NOT NULL CHECK (kind = CASE reason WHEN 'lacks-expertise' THEN 'functional' ELSE 'hierarchical' END),
        severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
        mood TEXT NOT NULL CHECK (mood IN ('calm', 'frustrated', 'angry', 'abusive')),
        summary TEXT NOT NULL CHECK (length(summary) <= 160),
        tried TEXT NOT NULL CHECK (length(tried) <= 800),
        promised TEXT NOT NULL CHECK (length(promised) <= 400),
        escalated_at INTEGER NOT NULL,
        hold_ms INTEGER NOT NULL CHECK (hold_ms >= 0),
        consult_ms INTEGER NOT NULL CHECK (consult_ms >= 0),
        outcome TEXT NOT NULL CHECK (outcome IN ('transferred', 'three-way', 'cancelled', 'declined', 'failed', 'blind')),
        -- Why it failed: for 'failed' only.
        failure_reason TEXT CHECK (failure_reason IN ('no-answer', 'busy', 'no-agents', 'error')),
        -- The consultee's reason: for 'declined' only, and only when they gave one.
        decline_reason TEXT CHECK (decline_reason IN ('busy-with-customer', 'not-my-expertise', 'needs-supervisor',
          'call-back-later')),
        sip_status INTEGER CHECK (sip_status BETWEEN 100 AND 699),
        recorded_at INTEGER NOT NULL,
        CHECK ((direction = 'received') = (verified IS NOT NULL)),
        CHECK ((outcome = 'failed') = (failure_reason IS NOT NULL)),
        CHECK (outcome = 'declined' OR decline_reason IS NULL),
        CHECK (outcome IN ('declined', 'failed') OR sip_status IS NULL)
      ) STRICT;

      INSERT INTO escalations (id, call_id, direction, verified, target_kind, target_value, target_name, reason, kind,
        severity, mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason,
        decline_reason, sip_status, recorded_at)
      SELECT id, call_id, direction, verified, target_kind, target_value, target_name, reason, kind,
        severity, mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason,
        decline_reason, sip_status, recorded_at FROM temp.escalations_0110;
      DROP TABLE temp.escalations_0110;
      CREATE INDEX escalations_by_call ON escalations (call_id, escalated_at);
    `);
  },
};
