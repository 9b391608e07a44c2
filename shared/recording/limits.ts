// Recording's bounds and formats without the zod schemas (recording.ts): the renderer's
// recorder wiring loads at start (issue 19).

/**
 * Call recording (issue 16, opt-in): the renderer mixes the call and streams the encoded audio to
 * the host in chunks; the host names the file, checks every size and keeps the bytes. Chunks go
 * as base64 inside the HostApi's JSON (the browser-mode socket and Electron IPC carry the same
 * text), so a chunk is small enough for MAX_HOST_REQUEST_BYTES (64 KiB) after the 4/3 of base64.
 */
export const RECORDING_LIMITS = {
  /** The largest chunk the host takes, in bytes of audio: 43,692 characters of base64. */
  chunkBytes: 32 * 1024,
  /** Per call: about two and a half hours of Opus at 32 kbit/s. Past it the recording stops, marked truncated. */
  maxBytes: 32 * 1024 * 1024,
  /** The most a read returns at once (the History player reads page by page). */
  pageBytes: 256 * 1024,
  retentionDaysMin: 1,
  retentionDaysMax: 3650,
} as const;

export const RECORDING_MIME_TYPES = ['audio/webm', 'audio/ogg'] as const;
export type RecordingMimeType = (typeof RECORDING_MIME_TYPES)[number];
