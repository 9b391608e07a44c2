import type Database from 'better-sqlite3';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-window-state';
import { migration0030 } from './0030-calls';
import { migration0040 } from './0040-escalations';
import { migration0050 } from './0050-wrap-up-drafts';
import { migration0060 } from './0060-customer-notes';
import { migration0070 } from './0070-history-search';
import { migration0080 } from './0080-queue-pause-strategy';
import { migration0090 } from './0090-history-list-order';
import { migration0100 } from './0100-call-notes';
import { migration0110 } from './0110-escalation-outcomes';
import { migration0120 } from './0120-recordings';
import { migration0130 } from './0130-call-supervisions';
import { migration0140 } from './0140-follow-up-snooze';

export interface Migration {
  /** The `user_version` the database has after this step: steps of ten, leaving room between. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export class DatabaseFromTheFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This data file was written by a newer Warmline (schema ${found}; this version knows up to ${supported}). ` +
        'Update Warmline; the file has not been changed.',
    );
    this.name = 'DatabaseFromTheFutureError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertKnownSchema(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseFromTheFutureError(current, latest);
}

/** Runs each pending migration in its own transaction, so a failed step leaves the previous version intact. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  assertKnownSchema(db, migrations);
  const current = schemaVersion(db);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is our own integer constant.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    })();
  }
}
