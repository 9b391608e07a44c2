import type { Statement } from 'better-sqlite3';
import type { AgentStats, HistoryCursor, HistoryFilter, HistoryItem } from '../../../shared/history';
import type { WarmlineDatabase } from '../storage/database';
import {
  ESCALATION_JOIN,
  HISTORY_COLUMNS,
  historyListSql,
  shapeKey,
  toHistoryItem,
  type HistoryQueryShape,
  type HistoryRow,
} from './history-sql';

/** A filter ready for SQL: the search already turned into an FTS5 query (see shared/history/search.ts). */
export interface HistoryQuery extends Omit<HistoryFilter, 'query'> {
  readonly ftsQuery?: string;
  readonly cursor?: HistoryCursor;
  readonly limit: number;
}

interface StatsRow {
  readonly handled: number;
  readonly avg_handle: number | null;
  readonly avg_acw: number | null;
  readonly escalated: number | null;
  readonly transferred: number | null;
}

/** Handled = answered calls that ended in [from, to); exported for the query-plan test. */
export const AGENT_STATS_SQL = `SELECT count(*) AS handled,
       avg(c.talk_ms + c.hold_ms + coalesce(c.acw_ms, 0)) AS avg_handle,
       avg(c.acw_ms) AS avg_acw,
       sum(EXISTS (SELECT 1 FROM escalations e WHERE e.call_id = c.id AND e.direction = 'sent')) AS escalated,
       sum(c.end_reason = 'transfer-completed') AS transferred
     FROM calls c
     WHERE c.ended_at >= @from AND c.ended_at < @to AND c.answered_at IS NOT NULL`;

/** More completions than this and a word stays a prefix query: an OR of many terms is no faster. */
export const MAX_PREFIX_TERMS = 16;

/** The read side of history: SELECTs only. */
export function createHistoryReader(db: WarmlineDatabase) {
  // The search index's term list, for this connection only (TEMP): nothing is written to the file.
  // The vocabulary counts each term's matches as it passes it, so it is read from just after the
  // word ("word" + U+0001, which no token contains; `term > word` would still land on the word and
  // count it) to the first term past its completions: a word typed in full costs nothing to look up.
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.calls_fts_terms USING fts5vocab(main, calls_fts, 'row')");
  const longerTerms = db.prepare<[string, string, number], { term: string }>(
    'SELECT term FROM temp.calls_fts_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?',
  );

  const statements = new Map<string, Statement<Record<string, unknown>, HistoryRow>>();
  const selectOne = db.prepare<[string], HistoryRow>(`SELECT ${HISTORY_COLUMNS} FROM calls c ${ESCALATION_JOIN} WHERE c.id = ?`);
  const stats = db.prepare<{ from: number; to: number }, StatsRow>(AGENT_STATS_SQL);

  function statement(query: HistoryQuery) {
    const shape: HistoryQueryShape = {
      from: query.from !== undefined,
      to: query.to !== undefined,
      direction: query.direction !== undefined,
      disposition: query.disposition !== undefined,
      escalated: query.escalated,
      search: query.ftsQuery !== undefined,
      cursor: query.cursor !== undefined,
    };
    const key = shapeKey(shape);
    let stmt = statements.get(key);
    if (!stmt) {
      stmt = db.prepare<Record<string, unknown>, HistoryRow>(historyListSql(shape));
      statements.set(key, stmt);
    }
    const params: Record<string, unknown> = { limit: query.limit };
    if (query.ftsQuery !== undefined) params.query = query.ftsQuery;
    if (query.from !== undefined) params.from = query.from;
    if (query.to !== undefined) params.to = query.to;
    if (query.direction !== undefined) params.direction = query.direction;
    if (query.disposition !== undefined) params.disposition = query.disposition;
    if (query.cursor !== undefined) params.cursor = BigInt(query.cursor);
    return { stmt, params };
  }

  return {
    /**
     * Every index term that starts with `word` (plain ASCII letters and digits: the index spells
     * those as typed), or undefined when there are more than MAX_PREFIX_TERMS or the word is not plain.
     */
    prefixTerms(word: string): string[] | undefined {
      if (!/^[a-z0-9]+$/.test(word)) return undefined;
      // Past every completion: "refund" → "refune".
      const after = word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1);
      // The word itself goes in unlooked-up: a term the index lacks matches nothing.
      const terms = [word, ...longerTerms.all(`${word}\u0001`, after, MAX_PREFIX_TERMS).map((r) => r.term)];
      return terms.length > MAX_PREFIX_TERMS ? undefined : terms;
    },
    /** The items, and where each stands in the list: the cursor of the page after it. */
    list(query: HistoryQuery): { readonly items: HistoryItem[]; readonly cursors: HistoryCursor[] } {
      const { stmt, params } = statement(query);
      const rows = stmt.all(params);
      return { items: rows.map(toHistoryItem), cursors: rows.map((r) => r.cursor) };
    },
    /** Row by row, for the CSV export: a large export never holds every row as objects at once. */
    *iterate(query: HistoryQuery): Generator<HistoryItem> {
      const { stmt, params } = statement(query);
      for (const row of stmt.iterate(params)) yield toHistoryItem(row);
    },
    get(callId: string): HistoryItem | undefined {
      const row = selectOne.get(callId);
      return row ? toHistoryItem(row) : undefined;
    },
    stats(from: number, to: number): Omit<AgentStats, 'from' | 'to'> {
      const row = stats.get({ from, to });
      const handled = row?.handled ?? 0;
      const rate = (n: number | null | undefined) => (handled === 0 ? 0 : (n ?? 0) / handled);
      return {
        handled,
        avgHandleMs: Math.round(row?.avg_handle ?? 0),
        avgAcwMs: Math.round(row?.avg_acw ?? 0),
        escalationRate: rate(row?.escalated),
        transferRate: rate(row?.transferred),
      };
    },
  };
}

export type HistoryReader = ReturnType<typeof createHistoryReader>;
