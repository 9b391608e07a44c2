/**
 * History benchmark (issue 6): a real SQLite file with 1,000,000 generated calls (history-data.ts),
 * opened by the app's own host services, then each read the History view, the screen pop and the
 * figures make, and the writes a call's end and its wrap-up make, through the HostApi dispatcher
 * (validation included) as either transport calls it. Medians, min and p90 over repeated runs,
 * after a few warm-up runs; targets: page, filter and search < 20 ms, end-of-call write < 5 ms.
 * Exits non-zero only on an error (a failed call), not on a missed target.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHostServices, DATABASE_FILE } from '../../electron/services/host-api/host-services';
import type { HistoryPage } from '../../shared/history';
import { makeTempDir } from '../support/temp-dir';
import { DAY, generateHistory, RARE_DISPOSITION, RARE_NAME, RARE_WORD } from './history-data';
import { formatRow, ms, summarize } from './stats';

const CALLS = Number(process.env.WARMLINE_BENCH_HISTORY_CALLS ?? 1_000_000);
const RUNS = Number(process.env.WARMLINE_BENCH_RUNS ?? 30);
const WARM_UP = 3;
const PAGE = 50;
const END = Date.UTC(2026, 10, 25, 16, 0, 0);

interface Row {
  readonly group: string;
  readonly name: string;
  readonly target: number;
  readonly rows: number;
  readonly times: readonly number[];
}

async function main(): Promise<void> {
  const dir = makeTempDir('warmline-history-bench-');
  let clock = END;
  const services = createHostServices({
    dataDir: dir.path,
    host: 'browser',
    version: 'bench',
    now: () => clock,
    log: { warn() {}, error: (m, e) => console.error(m, e) },
  });
  try {
    const t0 = performance.now();
    // A large page cache while generating only: the customer and disposition indexes take rows in
    // random key order. The measurements below run with the app's default cache again.
    const cacheSize = services.db.pragma('cache_size', { simple: true }) as number;
    services.db.pragma('cache_size = -262144');
    const data = generateHistory(services.db, CALLS, END);
    services.db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
    const generateMs = performance.now() - t0;
    services.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = join(dir.path, DATABASE_FILE);
    const bytes = statSync(file).size;
    console.log(
      `\nHistory benchmark: ${CALLS.toLocaleString('en')} calls, ${data.customers.toLocaleString('en')} customers, ` +
        `${data.escalations.toLocaleString('en')} escalations, ${data.notes.toLocaleString('en')} customer notes ` +
        `(generated in ${(generateMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `Database: ${(bytes / 2 ** 20).toFixed(0)} MiB, ${((bytes / 2 ** 20) * (1_000_000 / CALLS)).toFixed(0)} MiB per 1,000,000 calls`,
    );
    printSpace(services.db);

    const rows: Row[] = [];
    const call = async (method: string, ...args: unknown[]): Promise<unknown> => {
      const result = await services.dispatch(method, args);
      if (!result.ok) throw new Error(`${method}(${JSON.stringify(args)}): ${result.error.code}: ${result.error.message}`);
      return result.value;
    };
    const measure = async (group: string, name: string, target: number, run: (i: number) => Promise<number>) => {
      for (let i = 0; i < WARM_UP; i++) await run(-1 - i);
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        count = await run(i);
        times.push(performance.now() - start);
      }
      rows.push({ group, name, target, rows: count, times });
    };
    const list = (name: string, args: Record<string, unknown>, group = 'page') =>
      measure(group, name, 20, async () => ((await call('listHistory', { limit: PAGE, ...args })) as HistoryPage).items.length);

    // Pages: keyset paging costs the same at any depth; the deep cursor is the 500,000th newest call.
    const first = (await call('listHistory', { limit: PAGE })) as HistoryPage;
    const deep = services.db
      .prepare<[number], { cursor: string }>('SELECT CAST(seq AS TEXT) AS cursor FROM calls ORDER BY seq DESC LIMIT 1 OFFSET ?')
      .get(Math.floor(CALLS / 2));
    await list('first page (50, newest first)', {});
    await list('next page (cursor)', { before: first.nextCursor });
    if (deep) await list(`deep page (after call ${Math.floor(CALLS / 2).toLocaleString('en')})`, { before: deep.cursor });

    const yearAgo = END - 365 * DAY;
    await list('date: one day a year ago', { from: yearAgo, to: yearAgo + DAY }, 'filter');
    await list('date: the last 7 days', { from: END - 7 * DAY, to: END + DAY }, 'filter');
    await list('direction: outbound', { direction: 'outbound' }, 'filter');
    await list('disposition: refund', { disposition: 'refund' }, 'filter');
    await list(`disposition: ${RARE_DISPOSITION} (rare)`, { disposition: RARE_DISPOSITION }, 'filter');
    await list('escalated', { escalated: true }, 'filter');
    await list('not escalated', { escalated: false }, 'filter');
    await list('disposition refund in one day', { disposition: 'refund', from: yearAgo, to: yearAgo + DAY }, 'filter');
    await list('escalated, outbound, last 30 days', { escalated: true, direction: 'outbound', from: END - 30 * DAY }, 'filter');

    const digits = data.frequentNumber.slice(-7);
    await list('"customer" (common word)', { query: 'customer' }, 'search');
    await list('"refund" (common word)', { query: 'refund' }, 'search');
    await list('"cust" (start of a common word)', { query: 'cust' }, 'search');
    await list('"klant factuur" (two Dutch words)', { query: 'klant factuur' }, 'search');
    await list('"kunden ringede" (two Danish words)', { query: 'kunden ringede' }, 'search');
    await list(`"${RARE_WORD}" (rare word)`, { query: RARE_WORD }, 'search');
    await list('"renee" (name, diacritics)', { query: 'renee' }, 'search');
    await list(`"${RARE_NAME}" (rare name)`, { query: RARE_NAME }, 'search');
    await list(`"${digits}" (last 7 digits of a number)`, { query: digits }, 'search');
    await list(`"${data.frequentNumber}" (whole number)`, { query: data.frequentNumber }, 'search');
    await list('"555" (3 digits, many numbers)', { query: '555' }, 'search');
    await list('"refund" inbound, escalated', { query: 'refund', direction: 'inbound', escalated: true }, 'search');
    const customerFirst = (await call('listHistory', { limit: PAGE, query: 'customer' })) as HistoryPage;
    await list('"customer", next page', { query: 'customer', before: customerFirst.nextCursor }, 'search');

    await measure('pop', 'screen pop (getCustomer, frequent caller)', 20, async () => {
      const view = (await call('getCustomer', `tel:${data.frequentNumber}`)) as { lastCalls: unknown[] };
      return view.lastCalls.length;
    });

    const localMidnight = new Date(END);
    localMidnight.setHours(0, 0, 0, 0);
    const monday = localMidnight.getTime() - ((localMidnight.getDay() + 6) % 7) * DAY;
    await measure(
      'figures',
      'agentStats today',
      20,
      async () => ((await call('agentStats', { from: localMidnight.getTime(), to: END + 1 })) as { handled: number }).handled,
    );
    await measure(
      'figures',
      'agentStats this week',
      20,
      async () => ((await call('agentStats', { from: monday, to: END + 1 })) as { handled: number }).handled,
    );

    // The end of a call as the app makes it: recordCall when it ends, a draft save per pause in typing, finishWrapUp at Ready.
    let next = 0;
    const newCall = (i: number) => {
      clock = END + 60_000 * (next + 1);
      return {
        callId: `end-of-call-${i}-${next++}`,
        direction: 'inbound',
        remoteNumber: `sip:${data.frequentNumber}@pbx.example`,
        remoteName: 'Ana Reyes',
        queue: 'support',
        startedAt: clock - 300_000,
        answeredAt: clock - 290_000,
        endedAt: clock,
        endReason: 'remote-hangup',
        holds: [{ start: clock - 200_000, end: clock - 170_000 }],
        meanMos: 4.2,
      };
    };
    const recorded: string[] = [];
    await measure('write', 'call ends: recordCall', 5, async () => {
      const record = newCall(recorded.length);
      await call('recordCall', record);
      recorded.push(record.callId);
      return 1;
    });
    let saved = 0;
    await measure('write', 'wrap-up draft save', 5, async () => {
      const callId = recorded[saved++ % recorded.length];
      await call('saveWrapUpDraft', { callId, disposition: 'refund', notes: `Refund promised ${saved}`, deadline: null });
      return 1;
    });
    let finished = 0;
    await measure('write', 'wrap-up ends: finishWrapUp', 5, async () => {
      const callId = recorded[finished++ % recorded.length];
      await call('finishWrapUp', {
        callId,
        disposition: 'refund',
        notes: 'Parcel lost; refund promised within five working days. Klant tevreden.',
        followUp: { at: clock + DAY },
        finishedAt: clock + 30_000,
      });
      return 1;
    });

    printTable(rows);
  } finally {
    services.close();
    dir.remove();
  }
}

function printSpace(db: ReturnType<typeof createHostServices>['db']): void {
  try {
    const parts = db
      .prepare<[], { name: string; bytes: number }>(
        `SELECT CASE WHEN name LIKE 'calls_fts%' THEN 'full-text index' WHEN name LIKE 'sqlite_autoindex_calls%' OR name LIKE 'calls_%' THEN 'calls indexes'
           WHEN name = 'calls' THEN 'calls' ELSE 'other tables' END AS name, sum(pgsize) AS bytes FROM dbstat GROUP BY 1 ORDER BY 2 DESC`,
      )
      .all();
    console.log(parts.map((p) => `${p.name} ${(p.bytes / 2 ** 20).toFixed(0)} MiB`).join(', '));
  } catch {
    // dbstat is an optional SQLite module; the total above is what matters.
  }
}

function printTable(rows: readonly Row[]): void {
  const widths = [8, 46, 6, 10, 10, 10, 8, 6];
  console.log(`\n${RUNS} runs each after ${WARM_UP} warm-up runs (ms; target on the median)\n`);
  console.log(formatRow(['kind', 'measure', 'rows', 'median', 'min', 'p90', 'target', ''], widths));
  for (const row of rows) {
    const s = summarize(row.times);
    const met = s.median < row.target;
    console.log(
      formatRow(
        [
          row.group,
          row.name,
          String(row.rows),
          ms(s.median),
          ms(Math.min(...row.times)),
          ms(s.p90),
          `< ${row.target}`,
          met ? 'ok' : 'MISSED',
        ],
        widths,
      ),
    );
  }
  const missed = rows.filter((r) => summarize(r.times).median >= r.target).length;
  console.log(`\n${rows.length - missed} of ${rows.length} within target${missed ? `; ${missed} missed` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
