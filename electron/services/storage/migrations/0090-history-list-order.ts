import type { Migration } from './index';

/** Every number is indexed with each of its suffixes, as 0070 does (copied: a migration must not change meaning). */
const NUMBER_SUFFIXES = 16;

function numberWords(column: string): string {
  const digits = `replace(replace(replace(${column}, '+', ''), '*', ' '), '#', ' ')`;
  return Array.from({ length: NUMBER_SUFFIXES }, (_, i) => `substr(${digits}, ${i + 1})`).join(` || ' ' || `);
}

const indexRow = (row: 'new') =>
  `INSERT INTO calls_fts (rowid, name, number, notes) VALUES (${row}.seq, ${row}.remote_name, ${numberWords(`${row}.remote_number`)}, ${row}.notes);`;

/**
 * The history's order lives in `calls.seq`: `ended_at * 1024 + n`, n counting the calls that
 * ended in the same millisecond in the order they were recorded. The full-text index's rowid is
 * `seq`, so a search walks its matches newest first and stops at the page size: with 0070's
 * arbitrary seq a search had to fetch and sort every match (300 ms for a common word in a million
 * calls). The writer (history-writer.ts) picks each new call's seq; the list's tie-break becomes
 * seq, which the indexes carry as their implicit rowid column, so they lose the call id.
 * 1024 × the largest epochMs we accept (8.64e15) still fits in a 64-bit integer.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'history-list-order',
  up(db) {
    db.exec(`
      DROP TRIGGER calls_fts_after_insert;
      DROP TRIGGER calls_fts_after_update;
      DROP TRIGGER calls_fts_after_delete;
      DROP TABLE calls_fts;
      DROP INDEX calls_by_end;
      DROP INDEX calls_by_direction;
      DROP INDEX calls_by_disposition;
      DROP INDEX calls_escalated;

      CREATE TEMP TABLE list_order (old_seq INTEGER PRIMARY KEY, new_seq INTEGER NOT NULL);
      INSERT INTO temp.list_order
        SELECT seq, ended_at * 1024 + row_number() OVER (PARTITION BY ended_at ORDER BY seq) - 1 FROM calls;
      -- Through negative numbers first, so no new seq can meet an old one on the way.
      UPDATE calls SET seq = -seq;
      UPDATE calls SET seq = (SELECT new_seq FROM temp.list_order WHERE old_seq = -calls.seq);
      DROP TABLE temp.list_order;

      CREATE INDEX calls_by_end ON calls (ended_at);
      CREATE INDEX calls_by_direction ON calls (direction, ended_at);
      CREATE INDEX calls_by_disposition ON calls (disposition, ended_at);
      CREATE INDEX calls_escalated ON calls (ended_at) WHERE escalation_id IS NOT NULL;

      CREATE VIRTUAL TABLE calls_fts USING fts5 (
        name, number, notes,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER calls_fts_after_insert AFTER INSERT ON calls BEGIN
        ${indexRow('new')}
      END;
      CREATE TRIGGER calls_fts_after_update AFTER UPDATE OF seq, remote_name, remote_number, notes ON calls BEGIN
        DELETE FROM calls_fts WHERE rowid = old.seq;
        ${indexRow('new')}
      END;
      CREATE TRIGGER calls_fts_after_delete AFTER DELETE ON calls BEGIN
        DELETE FROM calls_fts WHERE rowid = old.seq;
      END;
      INSERT INTO calls_fts (rowid, name, number, notes)
        SELECT seq, remote_name, ${numberWords('remote_number')}, notes FROM calls;
    `);
  },
};
