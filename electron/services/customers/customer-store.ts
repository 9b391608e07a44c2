import {
  CALLBACK_LIMITS,
  callbackNumber,
  CUSTOMER_LIMITS,
  type AddCustomerNote,
  type Callback,
  type CustomerNote,
  type CustomerView,
} from '../../../shared/history';
import type { WarmlineDatabase } from '../storage/database';

interface NoteRow {
  readonly id: number;
  readonly customer_key: string;
  readonly call_id: string | null;
  readonly text: string;
  readonly created_at: number;
  readonly follow_up_at: number | null;
  readonly follow_up_number: string | null;
  readonly follow_up_closed_at: number | null;
}

interface CallRow {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound';
  readonly ended_at: number;
  readonly answered_at: number | null;
  readonly disposition: string | null;
  readonly notes: string;
  readonly escalation_id: string | null;
}

const NOTE_COLUMNS = 'id, customer_key, call_id, text, created_at, follow_up_at, follow_up_number, follow_up_closed_at';

function toNote(row: NoteRow): CustomerNote {
  return {
    id: row.id,
    customerKey: row.customer_key,
    ...(row.call_id === null ? {} : { callId: row.call_id }),
    text: row.text,
    createdAt: row.created_at,
    ...(row.follow_up_at === null
      ? {}
      : {
          followUp: {
            at: row.follow_up_at,
            ...(row.follow_up_number === null ? {} : { number: row.follow_up_number }),
            ...(row.follow_up_closed_at === null ? {} : { closedAt: row.follow_up_closed_at }),
          },
        }),
  };
}

/** The screen pop's two queries that must stay lookups; exported for the query-plan test. */
export const LAST_CALLS_SQL = `SELECT id, direction, ended_at, answered_at, disposition, notes, escalation_id FROM calls
     WHERE customer_key = ? ORDER BY ended_at DESC LIMIT ?`;
export const OPEN_FOLLOW_UPS_SQL = `SELECT ${NOTE_COLUMNS} FROM customer_notes
     WHERE customer_key = ? AND follow_up_at IS NOT NULL AND follow_up_closed_at IS NULL
     ORDER BY follow_up_at LIMIT ?`;

interface CallbackRow {
  readonly id: number;
  readonly customer_key: string;
  readonly text: string;
  readonly follow_up_at: number;
  readonly follow_up_number: string | null;
  readonly follow_up_snoozed_until: number | null;
  readonly display_name: string | null;
}

/** Every open callback, whoever the customer, by when it is due (the home's list); exported for the query-plan test. */
export const OPEN_CALLBACKS_SQL = `SELECT n.id, n.customer_key, n.text, n.follow_up_at, n.follow_up_number, n.follow_up_snoozed_until,
       c.display_name
     FROM customer_notes n LEFT JOIN customers c ON c.key = n.customer_key
     WHERE n.follow_up_at IS NOT NULL AND n.follow_up_closed_at IS NULL
     ORDER BY max(n.follow_up_at, coalesce(n.follow_up_snoozed_until, 0)), n.id LIMIT ?`;

function toCallback(row: CallbackRow): Callback {
  const number = callbackNumber(row.customer_key, row.follow_up_number);
  return {
    noteId: row.id,
    customerKey: row.customer_key,
    ...(row.display_name ? { name: row.display_name } : {}),
    ...(number === undefined ? {} : { number }),
    at: row.follow_up_at,
    ...(row.follow_up_snoozed_until === null || row.follow_up_snoozed_until <= row.follow_up_at
      ? {}
      : { snoozedUntil: row.follow_up_snoozed_until }),
    notes: row.text,
  };
}

/** Raw SQL for `customers` and `customer_notes`, and the screen pop's read of `calls`. */
export function createCustomerStore(db: WarmlineDatabase) {
  const selectCustomer = db.prepare<[string], { display_name: string }>('SELECT display_name FROM customers WHERE key = ?');
  const lastCalls = db.prepare<[string, number], CallRow>(LAST_CALLS_SQL);
  const recentNotes = db.prepare<[string, number], NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM customer_notes WHERE customer_key = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const openFollowUps = db.prepare<[string, number], NoteRow>(OPEN_FOLLOW_UPS_SQL);
  const selectNote = db.prepare<[number | bigint], NoteRow>(`SELECT ${NOTE_COLUMNS} FROM customer_notes WHERE id = ?`);
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (key, display_name, updated_at) VALUES (@key, @name, @now)
     ON CONFLICT (key) DO UPDATE SET
       display_name = CASE WHEN excluded.display_name = '' THEN display_name ELSE excluded.display_name END,
       updated_at = excluded.updated_at`,
  );
  const insertNote = db.prepare(
    `INSERT INTO customer_notes (customer_key, call_id, text, created_at, follow_up_at, follow_up_number)
     VALUES (@customerKey, @callId, @text, @now, @followUpAt, @followUpNumber)`,
  );
  const closeFollowUp = db.prepare(
    `UPDATE customer_notes SET follow_up_closed_at = @closedAt
     WHERE id = @noteId AND follow_up_at IS NOT NULL AND follow_up_closed_at IS NULL`,
  );
  const openCallbacks = db.prepare<[number], CallbackRow>(OPEN_CALLBACKS_SQL);
  const snooze = db.prepare(
    `UPDATE customer_notes SET follow_up_snoozed_until = @until
     WHERE id = @noteId AND follow_up_at IS NOT NULL AND follow_up_closed_at IS NULL`,
  );
  const isFollowUp = db.prepare<[number], { n: number }>(
    'SELECT 1 AS n FROM customer_notes WHERE id = ? AND follow_up_at IS NOT NULL',
  );

  return {
    view(key: string): CustomerView {
      const customer = selectCustomer.get(key);
      return {
        key,
        ...(customer && customer.display_name !== '' ? { name: customer.display_name } : {}),
        lastCalls: lastCalls.all(key, CUSTOMER_LIMITS.lastCalls).map((c) => ({
          callId: c.id,
          direction: c.direction,
          endedAt: c.ended_at,
          answered: c.answered_at !== null,
          ...(c.disposition === null ? {} : { disposition: c.disposition }),
          notes: c.notes,
          escalated: c.escalation_id !== null,
        })),
        notes: recentNotes.all(key, CUSTOMER_LIMITS.notes).map(toNote),
        openFollowUps: openFollowUps.all(key, CUSTOMER_LIMITS.openFollowUps).map(toNote),
      };
    },
    addNote(note: AddCustomerNote, now: number): CustomerNote {
      return db.transaction((): CustomerNote => {
        upsertCustomer.run({ key: note.customerKey, name: note.name ?? '', now });
        const { lastInsertRowid } = insertNote.run({
          customerKey: note.customerKey,
          callId: note.callId ?? null,
          text: note.text,
          now,
          followUpAt: note.followUp?.at ?? null,
          followUpNumber: note.followUp?.number ?? null,
        });
        const row = selectNote.get(lastInsertRowid);
        if (!row) throw new Error('customer note vanished inside its own transaction');
        return toNote(row);
      })();
    },
    callbacks(): Callback[] {
      return openCallbacks.all(CALLBACK_LIMITS.listed).map(toCallback);
    },
    /** 'snoozed', or 'not-found' when there is no such follow-up or it is closed already. */
    snoozeFollowUp(noteId: number, until: number): 'snoozed' | 'not-found' {
      return snooze.run({ noteId, until }).changes === 1 ? 'snoozed' : 'not-found';
    },
    /** 'closed', or why not: no such note, or the note owes no callback. Closing twice keeps the first time. */
    closeFollowUp(noteId: number, closedAt: number): 'closed' | 'not-found' {
      return db.transaction((): 'closed' | 'not-found' => {
        if (!isFollowUp.get(noteId)) return 'not-found';
        closeFollowUp.run({ noteId, closedAt });
        return 'closed';
      })();
    },
  };
}

export type CustomerStore = ReturnType<typeof createCustomerStore>;
