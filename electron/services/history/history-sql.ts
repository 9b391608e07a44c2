import type { HistoryEscalation, HistoryItem } from '../../../shared/history';
import type { RecordingMimeType } from '../../../shared/recording';

/**
 * The columns a history item is read from, and how a row becomes one. The call's latest
 * escalation comes by its primary key (`ESCALATION_JOIN`), its callback (the newest follow-up
 * written on the call) by `customer_notes_by_call`: one index lookup each per row of a page.
 */
export const HISTORY_COLUMNS = `c.id, c.direction, c.remote_number, c.remote_name, c.queue, c.started_at, c.answered_at,
  c.ended_at, c.end_reason, c.end_status, c.talk_ms, c.hold_ms, c.consult_ms, c.acw_ms, c.disposition, c.notes,
  c.mean_mos, c.escalation_id, c.wrapped_up_at, CAST(c.seq AS TEXT) AS cursor,
  e.direction AS e_direction, e.target_kind AS e_target_kind, e.target_value AS e_target_value,
  e.target_name AS e_target_name, e.reason AS e_reason, e.outcome AS e_outcome, e.failure_reason AS e_failure_reason,
  e.decline_reason AS e_decline_reason, e.sip_status AS e_sip_status,
  (SELECT json_array(n.follow_up_at, n.follow_up_number) FROM customer_notes n
    WHERE n.call_id = c.id AND n.follow_up_at IS NOT NULL ORDER BY n.id DESC LIMIT 1) AS callback,
  (SELECT json_group_array(json_array(s.supervisor, s.mode, s.start_at, s.end_at)) FROM call_supervisions s
    WHERE s.call_id = c.id) AS supervisions,
  (SELECT json_array(r.mime_type, r.bytes, r.truncated) FROM recordings r WHERE r.call_id = c.id AND r.bytes > 0) AS recording`;
export const ESCALATION_JOIN = 'LEFT JOIN escalations e ON e.id = c.escalation_id';

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
  /** The row's place in the list (`seq`), for the next page's cursor. */
  readonly cursor: string;
  readonly e_direction: HistoryEscalation['direction'] | null;
  readonly e_target_kind: HistoryEscalation['target']['kind'] | null;
  readonly e_target_value: string | null;
  readonly e_target_name: string | null;
  readonly e_reason: HistoryEscalation['reason'] | null;
  readonly e_outcome: HistoryEscalation['outcome'] | null;
  readonly e_failure_reason: string | null;
  readonly e_decline_reason: string | null;
  readonly e_sip_status: number | null;
  /** JSON `[follow_up_at, follow_up_number]`. */
  readonly callback: string | null;
  /** JSON `[[supervisor, mode, start_at, end_at], …]`, `[]` for none (the primary key's order). */
  readonly supervisions: string;
  /** JSON `[mime_type, bytes, truncated]` of the call's recording (migration 0120), by its unique call_id. */
  readonly recording: string | null;
}

function supervisionsOf(row: HistoryRow): HistoryItem['supervisions'] | null {
  const rows = JSON.parse(row.supervisions) as [string, 'listen' | 'coach' | 'barge', number, number][];
  return rows.length === 0 ? null : rows.map(([supervisor, mode, start, end]) => ({ supervisor, mode, start, end }));
}

function escalationOf(row: HistoryRow): HistoryEscalation | undefined {
  if (row.e_direction === null || row.e_target_kind === null || row.e_reason === null || row.e_outcome === null) return undefined;
  const outcomeReason = row.e_decline_reason ?? row.e_failure_reason;
  return {
    direction: row.e_direction,
    target: { kind: row.e_target_kind, value: row.e_target_value ?? '', name: row.e_target_name ?? '' },
    reason: row.e_reason,
    outcome: row.e_outcome,
    ...opt('outcomeReason', outcomeReason),
    ...opt('sipStatus', row.e_sip_status),
  };
}

function callbackOf(row: HistoryRow): HistoryItem['callback'] {
  if (row.callback === null) return undefined;
  const [at, number] = JSON.parse(row.callback) as [number, string | null];
  // No number of its own: the callback goes to the number the customer called from.
  return { at, number: number ?? row.remote_number };
}

function recordingOf(row: HistoryRow): HistoryItem['recording'] {
  if (row.recording === null) return undefined;
  const [mimeType, bytes, truncated] = JSON.parse(row.recording) as [RecordingMimeType, number, number];
  return { mimeType, bytes, truncated: truncated === 1 };
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
    ...opt('escalation', escalationOf(row) ?? null),
    ...opt('callback', callbackOf(row) ?? null),
    ...opt('supervisions', supervisionsOf(row) ?? null),
    ...opt('recording', recordingOf(row) ?? null),
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
 * parameter. Newest first by `seq` (`ended_at * 1024 + n`, migration 0090), so each filter walks
 * its own index in order (the rowid is each index's last column) and stops at the limit. A search
 * walks the full-text index instead, whose rowid is `seq`: its matches come newest first too, and
 * CROSS JOIN keeps that order of the loops; the date range and the cursor become rowid bounds there.
 */
export function historyListSql(shape: HistoryQueryShape): string {
  const where: string[] = [];
  const seq = shape.search ? 'calls_fts.rowid' : 'c.seq';
  if (shape.search) where.push('calls_fts MATCH @query');
  if (shape.from) where.push(shape.search ? `${seq} >= @from * 1024` : 'c.ended_at >= @from');
  if (shape.to) where.push(shape.search ? `${seq} < @to * 1024` : 'c.ended_at < @to');
  if (shape.direction) where.push('c.direction = @direction');
  if (shape.disposition) where.push('c.disposition = @disposition');
  if (shape.escalated === true) where.push('c.escalation_id IS NOT NULL');
  if (shape.escalated === false) where.push('c.escalation_id IS NULL');
  // The end-time bound lets an index on ended_at start at the cursor; seq settles calls in the same millisecond.
  if (shape.cursor) where.push(shape.search ? `${seq} < @cursor` : 'c.ended_at <= (@cursor >> 10) AND c.seq < @cursor');
  const from = `${shape.search ? 'calls_fts CROSS JOIN calls c ON c.seq = calls_fts.rowid' : 'calls c'} ${ESCALATION_JOIN}`;
  const order = shape.search ? 'calls_fts.rowid DESC' : 'c.ended_at DESC, c.seq DESC';
  return `SELECT ${HISTORY_COLUMNS} FROM ${from}
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order}
    LIMIT @limit`;
}
