import type { Migration } from './index';

/**
 * Who supervised a call (issue 16): one row per stretch a supervisor listened, coached or was in
 * the call, so a mode switch starts a new row and the agent's history shows each from–to. The
 * supervisor is the SIP user the signed request named (at most 128 characters, as the request
 * allows). Rows go with their call.
 */
export const migration0130: Migration = {
  version: 130,
  name: 'call-supervisions',
  up(db) {
    db.exec(`
      CREATE TABLE call_supervisions (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        supervisor TEXT NOT NULL CHECK (length(supervisor) BETWEEN 1 AND 128),
        mode TEXT NOT NULL CHECK (mode IN ('listen', 'coach', 'barge')),
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL CHECK (end_at >= start_at),
        PRIMARY KEY (call_id, ordinal)
      ) STRICT;
    `);
  },
};
