import type { CallNotes, InterruptedCallNotes } from '../../../shared/history';
import type { WarmlineDatabase } from '../storage/database';

interface Row {
  readonly call_id: string;
  readonly notes: string;
  readonly remote_name: string;
  readonly remote_number: string;
  readonly started_at: number;
  readonly updated_at: number;
}

/** Raw SQL for `call_notes`: one row per live call, prepared statements only. */
export function createCallNotesStore(db: WarmlineDatabase) {
  const upsert = db.prepare(
    `INSERT INTO call_notes (call_id, notes, remote_name, remote_number, started_at, updated_at)
     VALUES (@callId, @notes, @remoteName, @remoteNumber, @startedAt, @now)
     ON CONFLICT (call_id) DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM call_notes WHERE call_id = ?');
  const all = db.prepare<[], Row>(
    `SELECT call_id, notes, remote_name, remote_number, started_at, updated_at FROM call_notes ORDER BY started_at, call_id LIMIT 50`,
  );
  return {
    save(notes: CallNotes, now: number): void {
      if (notes.notes === '') remove.run(notes.callId);
      else upsert.run({ ...notes, now });
    },
    remove(callId: string): void {
      remove.run(callId);
    },
    list(): InterruptedCallNotes[] {
      return all.all().map((r) => ({
        callId: r.call_id,
        notes: r.notes,
        remoteName: r.remote_name,
        remoteNumber: r.remote_number,
        startedAt: r.started_at,
        updatedAt: r.updated_at,
      }));
    },
  };
}

export type CallNotesStore = ReturnType<typeof createCallNotesStore>;
