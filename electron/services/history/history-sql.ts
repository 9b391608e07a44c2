import type { HistoryItem } from '../../../shared/history';

/** The columns a history item is read from, and how a row becomes one. */
export const HISTORY_COLUMNS = `c.id, c.direction, c.remote_number, c.remote_name, c.queue, c.started_at, c.answered_at,
  c.ended_at, c.end_reason, c.end_status, c.talk_ms, c.hold_ms, c.consult_ms, c.acw_ms, c.disposition, c.notes,
  c.mean_mos, c.escalation_id, c.wrapped_up_at`;

export interface HistoryRow {
  readonly id: string;
  readonly direction: HistoryItem['direction'];
  readonly remote_number: string;
  readonly remote_name: string;
  readonly queue: string;
  readonly started_at: number;
  readonly answered_at: number | null;
  readonly ended_at: number;
  readonly end_reason: HistoryItem['endReason'];
  readonly end_status: number | null;
  readonly talk_ms: number;
  readonly hold_ms: number;
  readonly consult_ms: number;
  readonly acw_ms: number | null;
  readonly disposition: string | null;
  readonly notes: string;
  readonly mean_mos: number | null;
  readonly escalation_id: string | null;
  readonly wrapped_up_at: number | null;
}

/** Optional fields are left out rather than null: the contract's shape, and what JSON carries. */
function opt<K extends string, T>(key: K, value: T | null): { [P in K]?: T } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: T };
}

export function toHistoryItem(row: HistoryRow): HistoryItem {
  return {
    callId: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    remoteName: row.remote_name,
    queue: row.queue,
    startedAt: row.started_at,
    ...opt('answeredAt', row.answered_at),
    endedAt: row.ended_at,
    endReason: row.end_reason,
    ...opt('endStatus', row.end_status),
    talkMs: row.talk_ms,
    holdMs: row.hold_ms,
    consultMs: row.consult_ms,
    ...opt('acwMs', row.acw_ms),
    ...opt('disposition', row.disposition),
    notes: row.notes,
    ...opt('meanMos', row.mean_mos),
    ...opt('escalationId', row.escalation_id),
    ...opt('wrappedUpAt', row.wrapped_up_at),
  };
}

/** Which filters a list query has: each combination is one fixed SQL text, prepared once. */
export interface HistoryQueryShape {
  readonly from: boolean;
  readonly to: boolean;
  readonly direction: boolean;
  readonly disposition: boolean;
  readonly escalated: boolean | undefined;
  readonly search: boolean;
  readonly cursor: boolean;
}

export function shapeKey(shape: HistoryQueryShape): string {
  return JSON.stringify(shape);
}

/**
 * The list query for one shape, assembled from constant fragments only: every value is a bound
 * parameter. Newest first with the (ended_at, id) keyset, so each filter walks its own index in
 * order and stops at the limit. A search starts from the full-text index instead (CROSS JOIN fixes
 * that order): few calls match a word, and sorting those few beats walking every call.
 */
export function historyListSql(shape: HistoryQueryShape): string {
  const where: string[] = [];
  if (shape.search) where.push('calls_fts MATCH @query');
  if (shape.from) where.push('c.ended_at >= @from');
  if (shape.to) where.push('c.ended_at < @to');
  if (shape.direction) where.push('c.direction = @direction');
  if (shape.disposition) where.push('c.disposition = @disposition');
  if (shape.escalated === true) where.push('c.escalation_id IS NOT NULL');
  if (shape.escalated === false) where.push('c.escalation_id IS NULL');
  if (shape.cursor) where.push('(c.ended_at, c.id) < (@cursorEndedAt, @cursorId)');
  const from = shape.search ? 'calls_fts CROSS JOIN calls c ON c.seq = calls_fts.rowid' : 'calls c';
  return `SELECT ${HISTORY_COLUMNS} FROM ${from}
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY c.ended_at DESC, c.id DESC
    LIMIT @limit`;
}
