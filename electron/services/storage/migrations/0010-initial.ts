import type { Migration } from './index';

/** Settings as one row per key: the set of settings grows with every feature, the table never has to. */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE credentials (
        name TEXT PRIMARY KEY NOT NULL,
        secret BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
