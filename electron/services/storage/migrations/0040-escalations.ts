import type { Migration } from './index';

/**
 * Every escalation this agent sent or received, linked to its call. `kind` is stored for the
 * history filters but tied to the reason by a CHECK, so the two cannot disagree. `calls.escalation_id`
 * names the call's latest escalation: the "escalated" filter reads one column through a partial index.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'escalations',
  up(db) {
    db.exec(`
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
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'conference', 'cancelled', 'failed')),
        failure_reason TEXT CHECK (failure_reason IN ('no-answer', 'busy', 'declined', 'no-agents', 'error')),
        sip_status INTEGER CHECK (sip_status BETWEEN 100 AND 699),
        recorded_at INTEGER NOT NULL,
        CHECK ((direction = 'received') = (verified IS NOT NULL)),
        CHECK ((outcome = 'failed') = (failure_reason IS NOT NULL))
      ) STRICT;

      CREATE INDEX escalations_by_call ON escalations (call_id, escalated_at);

      ALTER TABLE calls ADD COLUMN escalation_id TEXT REFERENCES escalations (id);
      CREATE INDEX calls_escalated ON calls (ended_at, id) WHERE escalation_id IS NOT NULL;
    `);
  },
};
