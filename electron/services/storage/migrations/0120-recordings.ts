import type { Migration } from './index';

/**
 * Call recordings (issue 16, opt-in): one row a recorded call, the audio in a file of the data
 * directory's `recordings/` folder. The host names the file (`<id>.webm` or `<id>.ogg`, the id
 * its own random hex), so nothing the renderer sends ever becomes a path. No foreign key to
 * `calls`: a recording starts while the call is live, and the call is recorded only when it ends.
 * `ended_at` is NULL while the call is being recorded (or when the app stopped mid-call);
 * `truncated` says the per-call size cap cut it short.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'recordings',
  up(db) {
    db.exec(`
      CREATE TABLE recordings (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
        call_id TEXT NOT NULL UNIQUE CHECK (length(call_id) BETWEEN 1 AND 128),
        mime_type TEXT NOT NULL CHECK (mime_type IN ('audio/webm', 'audio/ogg')),
        file_name TEXT NOT NULL UNIQUE
          CHECK (file_name = id || CASE mime_type WHEN 'audio/webm' THEN '.webm' ELSE '.ogg' END),
        started_at INTEGER NOT NULL,
        ended_at INTEGER CHECK (ended_at >= started_at),
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1))
      ) STRICT;
      -- Retention deletes the oldest first.
      CREATE INDEX recordings_by_start ON recordings (started_at);
    `);
  },
};
