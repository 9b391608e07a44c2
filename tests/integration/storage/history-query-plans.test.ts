import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LAST_CALLS_SQL, OPEN_CALLBACKS_SQL, OPEN_FOLLOW_UPS_SQL } from '../../../electron/services/customers/customer-store';
import { AGENT_STATS_SQL } from '../../../electron/services/history/history-reader';
import { historyListSql, type HistoryQueryShape } from '../../../electron/services/history/history-sql';
import { openDatabase, type WarmlineDatabase } from '../../../electron/services/storage/database';
import { makeTempDir } from '../../support/temp-dir';
import { insertCall, insertCustomer, T } from './history-schema';

let dir: ReturnType<typeof makeTempDir>;
let db: WarmlineDatabase;
beforeAll(() => {
  dir = makeTempDir();
  db = openDatabase(join(dir.path, 'warmline.sqlite'));
  insertCustomer(db);
  // Enough rows that a wrong plan would show; the planner has no ANALYZE statistics, as in the app.
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      insertCall(db, `call-${i}`, {
        ended_at: T + i * 1000,
        direction: i % 3 === 0 ? 'outbound' : 'inbound',
        customer_key: i % 10 === 0 ? 'tel:+31205550123' : null,
      });
    }
  })();
});
afterAll(() => {
  db.close();
  dir.remove();
});

const PARAMS = {
  limit: 51,
  from: T,
  to: T + 60_000,
  direction: 'inbound',
  disposition: 'refund',
  query: '"refund"*',
  cursor: BigInt(T + 500_000) * 1024n,
};
const plan = (sql: string, params: object = PARAMS) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);

const ROW_LOOKUPS = [
  expect.stringMatching(/^SEARCH e USING INDEX sqlite_autoindex_escalations_1 \(id=\?\)/),
  expect.stringMatching(/^CORRELATED SCALAR SUBQUERY/),
  expect.stringMatching(/^SEARCH n USING INDEX customer_notes_by_call \(call_id=\?\)/),
  expect.stringMatching(/^CORRELATED SCALAR SUBQUERY/),
  expect.stringMatching(/^SEARCH s USING INDEX sqlite_autoindex_call_supervisions_1 \(call_id=\?\)/),
  // The call's recording (0120) by its unique call_id.
  expect.stringMatching(/^CORRELATED SCALAR SUBQUERY/),
  expect.stringMatching(/^SEARCH r USING INDEX sqlite_autoindex_recordings_2 \(call_id=\?\)/),
];

const NO_FILTER: HistoryQueryShape = {
  from: false,
  to: false,
  direction: false,
  disposition: false,
  escalated: undefined,
  search: false,
  cursor: false,
};

/** Every filter of the history list on its own and with the cursor, and the combinations the screen offers. */
const SHAPES: readonly [string, Partial<HistoryQueryShape>, string][] = [
  ['newest first', {}, 'calls_by_end'],
  ['a date range', { from: true, to: true }, 'calls_by_end'],
  ['by direction', { direction: true }, 'calls_by_direction'],
  ['by disposition', { disposition: true }, 'calls_by_disposition'],
  ['escalated only', { escalated: true }, 'calls_escalated'],
  ['not escalated', { escalated: false }, 'calls_by_end'],
  ['next page', { cursor: true }, 'calls_by_end'],
  ['next page by direction', { direction: true, cursor: true }, 'calls_by_direction'],
  ['next page by disposition', { disposition: true, cursor: true }, 'calls_by_disposition'],
  ['next page, escalated', { escalated: true, cursor: true }, 'calls_escalated'],
  ['disposition in a date range', { disposition: true, from: true, to: true }, 'calls_by_disposition'],
  ['direction in a date range', { direction: true, from: true, to: true }, 'calls_by_direction'],
];

describe('history list query plans (EXPLAIN QUERY PLAN)', () => {
  it.each(SHAPES)('%s walks %s in order: no table scan, no sort', (_name, shape, index) => {
    const steps = plan(historyListSql({ ...NO_FILTER, ...shape }));
    expect(steps[0]).toMatch(new RegExp(`^(SCAN|SEARCH) c USING (COVERING )?INDEX ${index}\\b`));
    expect(steps.join(' ')).not.toMatch(/TEMP B-TREE/);
    // Each row's escalation by its key, its callback by the notes' call index, its supervisions by their key: lookups, never scans.
    expect(steps.slice(1)).toEqual(ROW_LOOKUPS);
  });

  it('a search walks the full-text index newest first (its rowid is the list order) and fetches each match by rowid: no sort', () => {
    for (const extra of [{}, { direction: true }, { escalated: true, cursor: true }, { from: true, to: true, cursor: true }]) {
      const steps = plan(historyListSql({ ...NO_FILTER, search: true, ...extra }));
      expect(steps[0]).toMatch(/^SCAN calls_fts VIRTUAL TABLE INDEX \d+:D?M/);
      expect(steps[1]).toMatch(/^SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(steps.join(' ')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('the screen pop and the agent stats use their indexes', () => {
    expect(plan(LAST_CALLS_SQL, ['tel:+31205550123', 5])).toEqual([
      expect.stringMatching(/^SEARCH calls USING INDEX calls_by_customer \(customer_key=\?\)/),
    ]);
    const open = plan(OPEN_FOLLOW_UPS_SQL, ['tel:+31205550123', 20]);
    expect(open[0]).toMatch(/^SEARCH customer_notes USING (COVERING )?INDEX customer_notes_open_follow_ups/);
    expect(open.join(' ')).not.toMatch(/TEMP B-TREE/);
    // The home's callbacks: only open follow-ups are read (the partial index), never the notes table.
    const callbacks = plan(OPEN_CALLBACKS_SQL, [50]);
    expect(callbacks[0]).toMatch(/^(SCAN|SEARCH) n USING INDEX customer_notes_open_callbacks\b/);
    expect(callbacks.join(' ')).toMatch(/SEARCH c USING INDEX sqlite_autoindex_customers_1 \(key=\?\)/);
    const stats = plan(AGENT_STATS_SQL, { from: T, to: T + 60_000 });
    expect(stats[0]).toMatch(/^SEARCH c USING INDEX calls_by_end \(ended_at>\? AND ended_at<\?\)/);
    expect(stats.join(' ')).toMatch(/SEARCH e USING (COVERING )?INDEX escalations_by_call/);
  });
});
