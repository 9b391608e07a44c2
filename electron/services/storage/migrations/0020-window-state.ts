import type { Migration } from './index';

/**
 * Where each window was and whether it was maximized, so the agent finds it where they left it.
 * Columns, not a JSON blob: SQLite checks every value, and a damaged row cannot restore a window
 * to a width of zero.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'window-state',
  up(db) {
    db.exec(`
      CREATE TABLE window_state (
        name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
        x INTEGER NOT NULL,
        y INTEGER NOT NULL,
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        maximized INTEGER NOT NULL CHECK (maximized IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
