import { z } from 'zod/mini';
import { identifier } from '../host-api/text';
import { RECORDING_LIMITS, RECORDING_MIME_TYPES } from './limits';

export * from './limits';

/** The host's own 128-bit random id of a recording, as lowercase hex. */
export const recordingIdSchema = z.string().check(z.regex(/^[0-9a-f]{32}$/));

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_CHUNK_BASE64 = Math.ceil(RECORDING_LIMITS.chunkBytes / 3) * 4;

/** The byte count a well-formed base64 string stands for. */
export function base64ByteLength(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

/** Base64 of at most `RECORDING_LIMITS.chunkBytes` bytes, never empty. */
export const recordingChunkDataSchema = z
  .string()
  .check(z.minLength(4))
  .check(z.maxLength(MAX_CHUNK_BASE64))
  .check(z.regex(BASE64))
  .check(z.refine((data) => base64ByteLength(data) <= RECORDING_LIMITS.chunkBytes, { message: 'tooLong' }));

export const startRecordingSchema = z.strictObject({ callId: identifier, mimeType: z.enum(RECORDING_MIME_TYPES) });
export type StartRecording = Readonly<z.output<typeof startRecordingSchema>>;

export const recordingStartedSchema = z.strictObject({ recordingId: recordingIdSchema });
export type RecordingStarted = Readonly<z.output<typeof recordingStartedSchema>>;

/**
 * The next chunk: `offset` is where the renderer believes it goes (the bytes it sent before), so
 * a chunk sent twice or one that went missing is refused instead of corrupting the file.
 */
export const appendRecordingSchema = z.strictObject({
  recordingId: recordingIdSchema,
  offset: z.int().check(z.minimum(0)),
  data: recordingChunkDataSchema,
});
export type AppendRecording = Readonly<z.output<typeof appendRecordingSchema>>;

/** The file's size after the chunk, and whether the per-call cap stopped the recording (the chunk then dropped). */
export const recordingProgressSchema = z.strictObject({ bytes: z.int().check(z.minimum(0)), truncated: z.boolean() });
export type RecordingProgress = Readonly<z.output<typeof recordingProgressSchema>>;

export const finishRecordingSchema = z.strictObject({ recordingId: recordingIdSchema });

export const readRecordingSchema = z.strictObject({ callId: identifier, offset: z.int().check(z.minimum(0)) });
export type ReadRecording = Readonly<z.output<typeof readRecordingSchema>>;

/** One page of a recording's bytes (base64) from `offset`; `totalBytes` says when the last page is read. */
export const recordingPageSchema = z.strictObject({
  mimeType: z.enum(RECORDING_MIME_TYPES),
  totalBytes: z.int().check(z.minimum(0)),
  offset: z.int().check(z.minimum(0)),
  data: z.string().check(z.maxLength(Math.ceil(RECORDING_LIMITS.pageBytes / 3) * 4)),
});
export type RecordingPage = Readonly<z.output<typeof recordingPageSchema>>;

export const deleteCallSchema = z.strictObject({ callId: identifier });

/** What History shows of a call's recording. */
export const historyRecordingSchema = z.strictObject({
  mimeType: z.enum(RECORDING_MIME_TYPES),
  bytes: z.int().check(z.minimum(0)),
  truncated: z.boolean(),
});
export type HistoryRecording = Readonly<z.output<typeof historyRecordingSchema>>;

/** The recordings retention keeps at `now`: those started at or after this time. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * 24 * 60 * 60 * 1000;
}
