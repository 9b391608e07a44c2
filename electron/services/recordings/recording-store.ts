import type { RecordingMimeType } from '../../../shared/recording';
import type { WarmlineDatabase } from '../storage/database';

export interface RecordingRow {
  readonly id: string;
  readonly call_id: string;
  readonly mime_type: RecordingMimeType;
  readonly file_name: string;
  readonly started_at: number;
  readonly ended_at: number | null;
  readonly bytes: number;
  readonly truncated: 0 | 1;
}

const COLUMNS = 'id, call_id, mime_type, file_name, started_at, ended_at, bytes, truncated';

/** Raw SQL for `recordings` (migration 0120): prepared statements only. */
export function createRecordingStore(db: WarmlineDatabase) {
  const insert = db.prepare(
    `INSERT INTO recordings (id, call_id, mime_type, file_name, started_at, bytes) VALUES (@id, @callId, @mimeType, @fileName, @now, 0)`,
  );
  const byId = db.prepare<[string], RecordingRow>(`SELECT ${COLUMNS} FROM recordings WHERE id = ?`);
  const byCall = db.prepare<[string], RecordingRow>(`SELECT ${COLUMNS} FROM recordings WHERE call_id = ?`);
  const setBytes = db.prepare<[number, string]>('UPDATE recordings SET bytes = ? WHERE id = ?');
  const setTruncated = db.prepare<[string]>('UPDATE recordings SET truncated = 1 WHERE id = ?');
  const setEnded = db.prepare<[number, string]>(
    'UPDATE recordings SET ended_at = max(?, started_at) WHERE id = ? AND ended_at IS NULL',
  );
  const remove = db.prepare<[string]>('DELETE FROM recordings WHERE id = ?');
  const olderThan = db.prepare<[number], RecordingRow>(
    `SELECT ${COLUMNS} FROM recordings WHERE started_at < ? ORDER BY started_at`,
  );
  const fileNames = db.prepare<[], { file_name: string }>('SELECT file_name FROM recordings');
  return {
    insert(row: { id: string; callId: string; mimeType: RecordingMimeType; fileName: string }, now: number): void {
      insert.run({ ...row, now });
    },
    byId: (id: string) => byId.get(id),
    byCall: (callId: string) => byCall.get(callId),
    setBytes: (id: string, bytes: number) => void setBytes.run(bytes, id),
    markTruncated: (id: string) => void setTruncated.run(id),
    markEnded: (id: string, now: number) => void setEnded.run(now, id),
    remove: (id: string) => void remove.run(id),
    startedBefore: (cutoff: number) => olderThan.all(cutoff),
    fileNames: () => new Set(fileNames.all().map((r) => r.file_name)),
  };
}

export type RecordingStore = ReturnType<typeof createRecordingStore>;
