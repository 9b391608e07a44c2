import type { FinishWrapUp, OpenWrapUp, WrapUpDraft } from '../../../shared/history';
import type { WarmlineDatabase } from '../storage/database';

interface DraftRow {
  readonly call_id: string;
  readonly disposition: string;
  readonly notes: string;
  readonly follow_up_at: number | null;
  readonly follow_up_number: string | null;
  readonly next_state: 'available' | 'break';
  readonly break_reason: string | null;
  readonly break_note: string | null;
  readonly deadline: number | null;
  readonly updated_at: number;
  readonly direction: 'inbound' | 'outbound';
  readonly remote_number: string;
  readonly remote_name: string;
  readonly queue: string;
  readonly ended_at: number;
  readonly escalation_id: string | null;
  readonly customer_key: string | null;
}

/** What finishing a wrap-up needs to know about its call. */
export interface WrapUpCall {
  readonly endedAt: number;
  readonly customerKey: string | undefined;
}

/** The follow-up a finished wrap-up leaves on the customer: one per call, rewritten if finished again. */
export interface WrapUpFollowUp {
  readonly customerKey: string;
  readonly text: string;
  readonly at: number;
  readonly number: string | undefined;
}

function toOpenWrapUp(row: DraftRow): OpenWrapUp {
  const draft: WrapUpDraft = {
    callId: row.call_id,
    disposition: row.disposition,
    notes: row.notes,
    ...(row.follow_up_at === null
      ? {}
      : { followUp: { at: row.follow_up_at, ...(row.follow_up_number === null ? {} : { number: row.follow_up_number }) } }),
    next:
      row.next_state === 'break'
        ? ({
            kind: 'break',
            reason: row.break_reason,
            ...(row.break_note === null ? {} : { note: row.break_note }),
          } as WrapUpDraft['next'])
        : { kind: 'available' },
    deadline: row.deadline,
  };
  return {
    draft,
    call: {
      callId: row.call_id,
      direction: row.direction,
      remoteNumber: row.remote_number,
      remoteName: row.remote_name,
      queue: row.queue,
      endedAt: row.ended_at,
      ...(row.escalation_id === null ? {} : { escalationId: row.escalation_id }),
    },
    updatedAt: row.updated_at,
  };
}

/** Raw SQL for `wrap_up_drafts`, and the wrap-up columns of `calls` that finishing one writes. */
export function createWrapUpStore(db: WarmlineDatabase) {
  const callOf = db.prepare<[string], { ended_at: number; customer_key: string | null }>(
    'SELECT ended_at, customer_key FROM calls WHERE id = ?',
  );
  // One row, keyed by the call: the cheapest write SQLite has, made on every keystroke pause.
  const upsertDraft = db.prepare(
    `INSERT INTO wrap_up_drafts (call_id, disposition, notes, follow_up_at, follow_up_number, next_state, break_reason,
       break_note, deadline, updated_at)
     VALUES (@callId, @disposition, @notes, @followUpAt, @followUpNumber, @nextState, @breakReason, @breakNote,
       @deadline, @now)
     ON CONFLICT (call_id) DO UPDATE SET disposition = excluded.disposition, notes = excluded.notes,
       follow_up_at = excluded.follow_up_at, follow_up_number = excluded.follow_up_number,
       next_state = excluded.next_state, break_reason = excluded.break_reason, break_note = excluded.break_note,
       deadline = excluded.deadline, updated_at = excluded.updated_at`,
  );
  const selectOpen = db.prepare<[], DraftRow>(
    `SELECT d.*, c.direction, c.remote_number, c.remote_name, c.queue, c.ended_at, c.escalation_id, c.customer_key
     FROM wrap_up_drafts d JOIN calls c ON c.id = d.call_id
     ORDER BY d.updated_at DESC LIMIT 1`,
  );
  const finishCall = db.prepare(
    `UPDATE calls SET disposition = @disposition, notes = @notes, acw_ms = @acwMs, wrapped_up_at = @finishedAt
     WHERE id = @callId`,
  );
  const deleteDraft = db.prepare('DELETE FROM wrap_up_drafts WHERE call_id = ?');
  const followUpOf = db.prepare<[string], { id: number }>(
    'SELECT id FROM customer_notes WHERE call_id = ? AND follow_up_at IS NOT NULL ORDER BY id LIMIT 1',
  );
  const insertFollowUp = db.prepare(
    `INSERT INTO customer_notes (customer_key, call_id, text, created_at, follow_up_at, follow_up_number)
     VALUES (@customerKey, @callId, @text, @now, @at, @number)`,
  );
  const updateFollowUp = db.prepare(
    `UPDATE customer_notes SET customer_key = @customerKey, text = @text, follow_up_at = @at, follow_up_number = @number
     WHERE id = @id`,
  );
  const ensureCustomer = db.prepare(
    `INSERT INTO customers (key, display_name, updated_at) VALUES (?, '', ?) ON CONFLICT (key) DO NOTHING`,
  );

  return {
    call(callId: string): WrapUpCall | undefined {
      const row = callOf.get(callId);
      return row ? { endedAt: row.ended_at, customerKey: row.customer_key ?? undefined } : undefined;
    },
    saveDraft(draft: WrapUpDraft, now: number): void {
      return db.transaction((): void => {
        const next = draft.next;
        upsertDraft.run({
          callId: draft.callId,
          disposition: draft.disposition,
          notes: draft.notes,
          followUpAt: draft.followUp?.at ?? null,
          followUpNumber: draft.followUp?.number ?? null,
          nextState: next.kind,
          breakReason: next.kind === 'break' ? next.reason : null,
          breakNote: next.kind === 'break' ? (next.note ?? null) : null,
          deadline: draft.deadline,
          now,
        });
      })();
    },
    open(): OpenWrapUp | undefined {
      const row = selectOpen.get();
      return row ? toOpenWrapUp(row) : undefined;
    },
    /** The call's wrap-up columns, the draft gone and the follow-up owed, in one transaction. */
    finish(finish: FinishWrapUp, acwMs: number, followUp: WrapUpFollowUp | undefined, now: number): void {
      return db.transaction((): void => {
        finishCall.run({
          callId: finish.callId,
          disposition: finish.disposition,
          notes: finish.notes,
          acwMs,
          finishedAt: finish.finishedAt,
        });
        deleteDraft.run(finish.callId);
        if (!followUp) return;
        ensureCustomer.run(followUp.customerKey, now);
        const existing = followUpOf.get(finish.callId);
        const values = {
          customerKey: followUp.customerKey,
          text: followUp.text,
          at: followUp.at,
          number: followUp.number ?? null,
        };
        if (existing) updateFollowUp.run({ ...values, id: existing.id });
        else insertFollowUp.run({ ...values, callId: finish.callId, now });
      })();
    },
  };
}

export type WrapUpStore = ReturnType<typeof createWrapUpStore>;
