import { describe, expect, it } from 'vitest';
import {
  appendRecordingSchema,
  base64ByteLength,
  RECORDING_LIMITS,
  recordingChunkDataSchema,
  retentionCutoff,
  startRecordingSchema,
} from './recording';

const b64 = (bytes: number) => btoa(String.fromCharCode(...new Uint8Array(bytes).map((_, i) => i % 256)));

describe('recording chunks', () => {
  it('counts the bytes base64 stands for, with and without padding', () => {
    for (const n of [1, 2, 3, 4, 5, 6, 100]) expect(base64ByteLength(b64(n))).toBe(n);
  });

  it('takes a chunk up to the limit and refuses one byte more, empty data and non-base64', () => {
    expect(recordingChunkDataSchema.safeParse(b64(RECORDING_LIMITS.chunkBytes)).success).toBe(true);
    expect(recordingChunkDataSchema.safeParse(b64(RECORDING_LIMITS.chunkBytes + 1)).success).toBe(false);
    expect(recordingChunkDataSchema.safeParse('').success).toBe(false);
    expect(recordingChunkDataSchema.safeParse('ab$d').success).toBe(false);
    expect(recordingChunkDataSchema.safeParse('abcde').success).toBe(false);
  });

  it('refuses a recording id that is not the host’s hex, and a negative offset', () => {
    const ok = { recordingId: 'a'.repeat(32), offset: 0, data: b64(3) };
    expect(appendRecordingSchema.safeParse(ok).success).toBe(true);
    expect(appendRecordingSchema.safeParse({ ...ok, recordingId: '../../etc/passwd' }).success).toBe(false);
    expect(appendRecordingSchema.safeParse({ ...ok, offset: -1 }).success).toBe(false);
    expect(appendRecordingSchema.safeParse({ ...ok, path: '/tmp/x' }).success).toBe(false);
  });

  it('records only the two container types, for a call id of ours', () => {
    expect(startRecordingSchema.safeParse({ callId: 'c-1', mimeType: 'audio/webm' }).success).toBe(true);
    expect(startRecordingSchema.safeParse({ callId: 'c-1', mimeType: 'audio/wav' }).success).toBe(false);
    expect(startRecordingSchema.safeParse({ callId: 'a/b', mimeType: 'audio/ogg' }).success).toBe(false);
  });
});

describe('retention', () => {
  it('keeps what started within the last N days', () => {
    expect(retentionCutoff(10 * 86_400_000, 3)).toBe(7 * 86_400_000);
  });
});
