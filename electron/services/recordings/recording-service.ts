import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { HostServiceError } from '../../../shared/host-api';
import {
  RECORDING_LIMITS,
  retentionCutoff,
  type AppendRecording,
  type ReadRecording,
  type RecordingPage,
  type RecordingProgress,
  type RecordingStarted,
  type StartRecording,
} from '../../../shared/recording';
import { makeWebmSeekable } from '../../../shared/recording/webm-seekable';
import type { RecordingRow, RecordingStore } from './recording-store';

export const RECORDINGS_FOLDER = 'recordings';
/**
 * The only names the host ever gives a recording file (see migration 0120), and the `.part` a
 * finished WebM is rewritten into before it replaces the file; anything else in the folder is not ours.
 */
const RECORDING_FILE = /^[0-9a-f]{32}\.(webm|ogg)(\.part)?$/;

export interface RecordingServiceDeps {
  readonly store: RecordingStore;
  /** The data directory's recordings folder; created when missing. */
  readonly dir: string;
  readonly now: () => number;
  /** The agent's settings, read on every start: the host refuses to record when recording is off. */
  readonly enabled: () => boolean;
  readonly retentionDays: () => number;
  readonly maxBytes?: number;
  readonly warn?: (message: string) => void;
}

const refused = (code: 'invalid-input' | 'forbidden' | 'not-found', message: string) => new HostServiceError({ code, message });

/**
 * Recordings on disk: the renderer sends the call id, the container type and the audio, never a
 * path or a size it would have the host trust. Every file is named by the host from its own
 * random id; every chunk is checked against where the file ends and against the per-call cap.
 */
export function createRecordingService(deps: RecordingServiceDeps) {
  const { store, dir, now } = deps;
  const maxBytes = deps.maxBytes ?? RECORDING_LIMITS.maxBytes;
  mkdirSync(dir, { recursive: true });
  const pathOf = (row: Pick<RecordingRow, 'file_name'>) => join(dir, row.file_name);

  function removeFile(fileName: string): void {
    try {
      unlinkSync(join(dir, fileName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        deps.warn?.(`recordings: could not delete ${fileName}: ${String(error)}`);
    }
  }

  /** The row goes first: a file left behind by a failed unlink is an orphan the next prune removes. */
  function remove(row: RecordingRow): void {
    store.remove(row.id);
    removeFile(row.file_name);
  }

  /**
   * MediaRecorder's WebM has no length and no index (see webm-seekable.ts): rewritten once, when
   * the call ends, through a `.part` file renamed over the original, so a crash leaves either the
   * old file or the new one (and a `.part` orphan the next prune removes). A file the fixer does
   * not understand is kept as it is: it still plays from the start.
   */
  function makeSeekable(row: RecordingRow): void {
    try {
      const fixed = makeWebmSeekable(new Uint8Array(readFileSync(pathOf(row)).subarray(0, row.bytes)));
      if (!fixed) {
        deps.warn?.(`recordings: ${row.id} is not a WebM the host can index; kept as recorded`);
        return;
      }
      const part = `${pathOf(row)}.part`;
      writeFileSync(part, fixed.bytes);
      renameSync(part, pathOf(row));
      store.setBytes(row.id, fixed.bytes.length);
    } catch (error) {
      deps.warn?.(`recordings: could not index ${row.id}: ${String(error)}`);
    }
  }

  function open(recordingId: string): RecordingRow {
    const row = store.byId(recordingId);
    if (!row) throw refused('not-found', 'No such recording.');
    if (row.ended_at !== null) throw refused('forbidden', 'This recording has ended.');
    return row;
  }

  return {
    start({ callId, mimeType }: StartRecording): RecordingStarted {
      if (!deps.enabled()) throw refused('forbidden', 'Recording is off in Settings.');
      if (store.byCall(callId)) throw refused('forbidden', 'This call already has a recording.');
      const id = randomBytes(16).toString('hex');
      const fileName = `${id}.${mimeType === 'audio/webm' ? 'webm' : 'ogg'}`;
      // 'wx': never open a file that is already there.
      writeFileSync(join(dir, fileName), new Uint8Array(0), { flag: 'wx' });
      try {
        store.insert({ id, callId, mimeType, fileName }, now());
      } catch (error) {
        removeFile(fileName);
        throw error;
      }
      return { recordingId: id };
    },

    append({ recordingId, offset, data }: AppendRecording): RecordingProgress {
      const row = open(recordingId);
      if (row.truncated === 1) return { bytes: row.bytes, truncated: true };
      if (offset !== row.bytes) throw refused('invalid-input', `offset: the recording holds ${row.bytes} bytes, not ${offset}`);
      const bytes = Buffer.from(data, 'base64');
      if (row.bytes + bytes.length > maxBytes) {
        store.markTruncated(row.id);
        deps.warn?.(`recordings: ${row.id} reached ${maxBytes} bytes and stops there`);
        return { bytes: row.bytes, truncated: true };
      }
      appendFileSync(pathOf(row), bytes);
      store.setBytes(row.id, row.bytes + bytes.length);
      return { bytes: row.bytes + bytes.length, truncated: false };
    },

    /** The call ended: the recording is closed, a WebM made seekable; one without a single byte is not kept. */
    finish(recordingId: string): null {
      const row = open(recordingId);
      if (row.bytes === 0) {
        remove(row);
        return null;
      }
      if (row.mime_type === 'audio/webm') makeSeekable(row);
      store.markEnded(row.id, now());
      return null;
    },

    read({ callId, offset }: ReadRecording): RecordingPage {
      const row = store.byCall(callId);
      if (!row || row.bytes === 0) throw refused('not-found', 'This call has no recording.');
      if (offset > row.bytes) throw refused('invalid-input', `offset: past the recording's ${row.bytes} bytes`);
      const length = Math.min(RECORDING_LIMITS.pageBytes, row.bytes - offset);
      const buffer = Buffer.alloc(length);
      const fd = openSync(pathOf(row), 'r');
      try {
        let read = 0;
        while (read < length) {
          const n = readSync(fd, buffer, read, length - read, offset + read);
          if (n === 0) break;
          read += n;
        }
        return { mimeType: row.mime_type, totalBytes: row.bytes, offset, data: buffer.subarray(0, read).toString('base64') };
      } finally {
        closeSync(fd);
      }
    },

    /** The call is deleted from the history: its recording goes with it. */
    deleteForCall(callId: string): void {
      const row = store.byCall(callId);
      if (row) remove(row);
    },

    /**
     * Retention: recordings that started more than the retention period ago are deleted, and
     * files of ours that no row knows (a crash between the row and the unlink) with them.
     */
    prune(): number {
      const old = store.startedBefore(retentionCutoff(now(), deps.retentionDays()));
      for (const row of old) remove(row);
      const known = store.fileNames();
      for (const name of readdirSync(dir)) {
        if (RECORDING_FILE.test(name) && !known.has(name)) removeFile(name);
      }
      return old.length;
    },
  };
}

export type RecordingService = ReturnType<typeof createRecordingService>;
