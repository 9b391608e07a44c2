import type { Migration } from './index';

/** Every number is indexed with each of its suffixes, up to E.164's 15 digits and one more. */
const NUMBER_SUFFIXES = 16;

/**
 * `+31 20 555 0123` becomes the words `312055501 23…`, `12055…`, …: a prefix query then finds any
 * part of a number ("5550" finds it), which a word tokenizer alone cannot. Built from a constant.
 */
function numberWords(column: string): string {
  const digits = `replace(replace(replace(${column}, '+', ''), '*', ' '), '#', ' ')`;
  return Array.from({ length: NUMBER_SUFFIXES }, (_, i) => `substr(${digits}, ${i + 1})`).join(` || ' ' || `);
}

const indexRow = (row: 'new') =>
  `INSERT INTO calls_fts (rowid, name, number, notes) VALUES (${row}.seq, ${row}.remote_name, ${numberWords(`${row}.remote_number`)}, ${row}.notes);`;

/**
 * Full-text search over the history's names, numbers and notes (SQLite FTS5). Contentless with
 * delete support: the text already lives in `calls`, so the index stores no second copy; triggers
 * keep it in step with every write to `calls`, whoever makes it, inside the same transaction.
 * unicode61 with diacritics removed: "Renee" finds "Renée".
 */
export const migration0070: Migration = {
  version: 70,
  name: 'history-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE calls_fts USING fts5 (
        name, number, notes,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER calls_fts_after_insert AFTER INSERT ON calls BEGIN
        ${indexRow('new')}
      END;
      CREATE TRIGGER calls_fts_after_update AFTER UPDATE OF remote_name, remote_number, notes ON calls BEGIN
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
