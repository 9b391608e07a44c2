import { escalationKind } from '../../../shared/escalation';
import { targetColumns, type CallDurations, type CallRecord, type EscalationRecord } from '../../../shared/history';
import type { WarmlineDatabase } from '../storage/database';

/** A call as stored: the record with its number normalised, its customer and its derived durations. */
export interface CallRow {
  readonly record: CallRecord;
  readonly remoteNumber: string;
  readonly customerKey: string | undefined;
  readonly durations: CallDurations;
}

const nil = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * The write side of history: `calls` and its child tables, `escalations`, and the customer a call
 * is keyed to. Every method is one transaction. The reader (history-reader.ts) has no way to write.
 */
export function createHistoryWriter(db: WarmlineDatabase) {
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (key, display_name, updated_at) VALUES (@key, @name, @now)
     ON CONFLICT (key) DO UPDATE SET
       display_name = CASE WHEN excluded.display_name = '' THEN display_name ELSE excluded.display_name END,
       updated_at = excluded.updated_at`,
  );
  // Wrap-up fields (disposition, notes, acw_ms) and the escalation link are not touched: a repeated
  // recordCall after wrap-up must not undo it. `seq` is the list order (migration 0090): the next
  // free place in the millisecond the call ended, kept unless a repeated record moves the end.
  // Bound numbers arrive as REAL, hence the CAST before the arithmetic.
  const upsertCall = db.prepare(
    `INSERT INTO calls (seq, id, direction, remote_number, remote_name, customer_key, queue, started_at, answered_at,
       ended_at, end_reason, end_status, talk_ms, hold_ms, consult_ms, mean_mos, recorded_at)
     VALUES (
       (SELECT coalesce(max(seq) + 1, CAST(@endedAt AS INTEGER) * 1024) FROM calls
         WHERE seq >= CAST(@endedAt AS INTEGER) * 1024 AND seq < (CAST(@endedAt AS INTEGER) + 1) * 1024),
       @id, @direction, @remoteNumber, @remoteName, @customerKey, @queue, @startedAt, @answeredAt,
       @endedAt, @endReason, @endStatus, @talkMs, @holdMs, @consultMs, @meanMos, @now)
     ON CONFLICT (id) DO UPDATE SET
       seq = CASE WHEN excluded.ended_at = calls.ended_at THEN calls.seq ELSE excluded.seq END,
       direction = excluded.direction, remote_number = excluded.remote_number, remote_name = excluded.remote_name,
       customer_key = excluded.customer_key, queue = excluded.queue, started_at = excluded.started_at,
       answered_at = excluded.answered_at, ended_at = excluded.ended_at, end_reason = excluded.end_reason,
       end_status = excluded.end_status, talk_ms = excluded.talk_ms, hold_ms = excluded.hold_ms,
       consult_ms = excluded.consult_ms, mean_mos = coalesce(excluded.mean_mos, mean_mos),
       recorded_at = excluded.recorded_at`,
  );
  const unlinkEscalations = db.prepare<[string]>(
    'UPDATE calls SET escalation_id = NULL WHERE escalation_id IN (SELECT id FROM escalations WHERE call_id = ?)',
  );
  const deleteEscalations = db.prepare<[string]>('DELETE FROM escalations WHERE call_id = ?');
  const deleteCall = db.prepare<[string]>('DELETE FROM calls WHERE id = ?');
  const deleteHolds = db.prepare('DELETE FROM call_holds WHERE call_id = ?');
  const deleteConsults = db.prepare('DELETE FROM consults WHERE call_id = ?');
  const deleteTransfers = db.prepare('DELETE FROM transfers WHERE call_id = ?');
  const deleteSupervisions = db.prepare('DELETE FROM call_supervisions WHERE call_id = ?');
  const insertSupervision = db.prepare(
    'INSERT INTO call_supervisions (call_id, ordinal, supervisor, mode, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertHold = db.prepare('INSERT INTO call_holds (call_id, ordinal, start_at, end_at) VALUES (?, ?, ?, ?)');
  const insertConsult = db.prepare(
    `INSERT INTO consults (call_id, ordinal, target_kind, target_value, target_name, dialed_at, answered_at, merged_at,
       ended_at, outcome, failure_reason, sip_status)
     VALUES (@callId, @ordinal, @kind, @value, @name, @dialedAt, @answeredAt, @mergedAt, @endedAt, @outcome,
       @failureReason, @sipStatus)`,
  );
  const insertTransfer = db.prepare(
    `INSERT INTO transfers (call_id, ordinal, mode, target_kind, target_value, target_name, requested_at, outcome, sip_status)
     VALUES (@callId, @ordinal, @mode, @kind, @value, @name, @requestedAt, @outcome, @sipStatus)`,
  );
  const callExists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM calls WHERE id = ?');
  const upsertEscalation = db.prepare(
    `INSERT INTO escalations (id, call_id, direction, verified, target_kind, target_value, target_name, reason, kind,
       severity, mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason,
       decline_reason, sip_status, recorded_at)
     VALUES (@id, @callId, @direction, @verified, @targetKind, @targetValue, @targetName, @reason, @kind,
       @severity, @mood, @summary, @tried, @promised, @escalatedAt, @holdMs, @consultMs, @outcome, @failureReason,
       @declineReason, @sipStatus, @now)
     ON CONFLICT (id) DO UPDATE SET
       call_id = excluded.call_id, direction = excluded.direction, verified = excluded.verified,
       target_kind = excluded.target_kind, target_value = excluded.target_value, target_name = excluded.target_name,
       reason = excluded.reason, kind = excluded.kind, severity = excluded.severity, mood = excluded.mood,
       summary = excluded.summary, tried = excluded.tried, promised = excluded.promised,
       escalated_at = excluded.escalated_at, hold_ms = excluded.hold_ms, consult_ms = excluded.consult_ms,
       outcome = excluded.outcome, failure_reason = excluded.failure_reason, decline_reason = excluded.decline_reason,
       sip_status = excluded.sip_status,
       recorded_at = excluded.recorded_at`,
  );
  // The call's latest escalation, whichever was recorded last.
  const linkEscalation = db.prepare(
    `UPDATE calls SET escalation_id =
       (SELECT id FROM escalations WHERE call_id = @callId ORDER BY escalated_at DESC, id DESC LIMIT 1)
     WHERE id = @callId`,
  );

  return {
    /** Idempotent: the same call id replaces the call's facts and child rows, keeping its wrap-up. */
    recordCall(row: CallRow, now: number): void {
      return db.transaction((): void => {
        const { record, durations } = row;
        if (row.customerKey) upsertCustomer.run({ key: row.customerKey, name: record.remoteName, now });
        upsertCall.run({
          id: record.callId,
          direction: record.direction,
          remoteNumber: row.remoteNumber,
          remoteName: record.remoteName,
          customerKey: nil(row.customerKey),
          queue: record.queue,
          startedAt: record.startedAt,
          answeredAt: nil(record.answeredAt),
          endedAt: record.endedAt,
          endReason: record.endReason,
          endStatus: nil(record.endStatus),
          ...durations,
          meanMos: nil(record.meanMos),
          now,
        });
        const callId = record.callId;
        deleteHolds.run(callId);
        deleteConsults.run(callId);
        deleteTransfers.run(callId);
        deleteSupervisions.run(callId);
        record.holds.forEach((h, ordinal) => insertHold.run(callId, ordinal, h.start, h.end));
        record.consults.forEach((c, ordinal) =>
          insertConsult.run({
            callId,
            ordinal,
            ...targetColumns(c.target),
            dialedAt: c.dialedAt,
            answeredAt: nil(c.answeredAt),
            mergedAt: nil(c.mergedAt),
            endedAt: c.endedAt,
            outcome: c.outcome,
            failureReason: nil(c.failureReason),
            sipStatus: nil(c.sipStatus),
          }),
        );
        record.transfers.forEach((t, ordinal) =>
          insertTransfer.run({
            callId,
            ordinal,
            mode: t.mode,
            ...targetColumns(t.target),
            requestedAt: t.requestedAt,
            outcome: t.outcome,
            sipStatus: nil(t.sipStatus),
          }),
        );
        record.supervisions.forEach((s, ordinal) => insertSupervision.run(callId, ordinal, s.supervisor, s.mode, s.start, s.end));
      })();
    },

    /** False when the call is not recorded yet (nothing written): record the call first. */
    recordEscalation(record: EscalationRecord, now: number): boolean {
      return db.transaction((): boolean => {
        if (!callExists.get(record.callId)) return false;
        const target = targetColumns(record.target);
        const outcome = record.outcome;
        upsertEscalation.run({
          id: record.id,
          callId: record.callId,
          direction: record.direction,
          verified: nil(record.verified),
          targetKind: target.kind,
          targetValue: target.value,
          targetName: target.name,
          reason: record.reason,
          kind: escalationKind(record.reason),
          severity: record.severity,
          mood: record.mood,
          summary: record.summary,
          tried: record.tried,
          promised: record.promised,
          escalatedAt: record.escalatedAt,
          holdMs: record.holdMs,
          consultMs: record.consultMs,
          outcome: outcome.kind,
          failureReason: outcome.kind === 'failed' ? outcome.reason : null,
          declineReason: outcome.kind === 'declined' ? nil(outcome.reason) : null,
          sipStatus: outcome.kind === 'failed' || outcome.kind === 'declined' ? nil(outcome.sipStatus) : null,
          now,
        });
        linkEscalation.run({ callId: record.callId });
        return true;
      })();
    },

    /**
     * The call leaves the history: its escalations (unlinked first, the two tables point at each
     * other), then the call with its holds, consults, transfers and wrap-up draft (ON DELETE
     * CASCADE). The customer's notes stay: they are the customer's, not the call's.
     */
    deleteCall(callId: string): boolean {
      return db.transaction(() => {
        unlinkEscalations.run(callId);
        deleteEscalations.run(callId);
        return deleteCall.run(callId).changes > 0;
      })();
    },
  };
}

export type HistoryWriter = ReturnType<typeof createHistoryWriter>;
