import { describe, expect, it } from 'vitest';
import type { CallAudio, CallId, PhoneEvent, PhoneListener } from '../phone';
import { CallRecordings, type RecordingDeps } from './call-recordings';

const CALL = 'call-1' as CallId;

function setup(options: { truncateAfter?: number; formatLoaded?: Promise<void> } = {}) {
  const listeners: PhoneListener[] = [];
  const appended: { offset: number; bytes: number }[] = [];
  const finished: string[] = [];
  const logged: string[] = [];
  let emit: ((chunk: Blob) => void) | undefined;
  let stopped = 0;
  let started = 0;
  let size = 0;
  const deps: RecordingDeps = {
    phone: {
      on: (l) => (listeners.push(l), () => undefined),
      callAudio: (): CallAudio => ({}),
    },
    host: {
      startRecording: () => (started++, Promise.resolve({ ok: true, value: { recordingId: 'a'.repeat(32) } })),
      appendRecording: ({ offset, data }) => {
        const bytes = atob(data).length;
        appended.push({ offset, bytes });
        if (options.truncateAfter !== undefined && size + bytes > options.truncateAfter) {
          return Promise.resolve({ ok: true, value: { bytes: size, truncated: true } });
        }
        size += bytes;
        return Promise.resolve({ ok: true, value: { bytes: size, truncated: false } });
      },
      finishRecording: ({ recordingId }) => (finished.push(recordingId), Promise.resolve({ ok: true, value: null })),
      logError: ({ message }) => (logged.push(message), Promise.resolve({ ok: true, value: null })),
    },
    // As main.tsx gives it: the encoder's code is fetched with the first recorded call.
    format: async () => {
      await options.formatLoaded;
      return { mimeType: 'audio/webm', codec: 'audio/webm;codecs=opus' };
    },
    start: (_audio, _codec, onData) => {
      emit = onData;
      return Promise.resolve({ stop: () => (stopped++, Promise.resolve()) });
    },
  };
  const recordings = new CallRecordings(deps);
  const send = (event: PhoneEvent) => listeners.forEach((l) => l(event));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    recordings,
    send,
    settle,
    appended,
    finished,
    logged,
    chunk: (n: number) => emit?.(new Blob([new Uint8Array(n)])),
    stopped: () => stopped,
    started: () => started,
  };
}

describe('call recordings in the renderer', () => {
  it('a call that ends while the encoder code loads opens no file and logs nothing; a second answered starts one recording', async () => {
    let loaded = () => {};
    const t = setup({ formatLoaded: new Promise<void>((resolve) => (loaded = resolve)) });
    t.recordings.setEnabled(true);
    t.send({ type: 'answered', callId: CALL });
    t.send({ type: 'answered', callId: CALL });
    t.send({ type: 'ended', callId: CALL, cause: 'hangup', by: 'remote' });
    loaded();
    await t.settle();
    await t.settle();
    expect(t.started()).toBe(0);
    expect(t.finished).toEqual([]);
    expect(t.logged).toEqual([]);
    expect(t.recordings.getSnapshot().size).toBe(0);

    const next = 'call-2' as CallId;
    t.send({ type: 'answered', callId: next });
    t.send({ type: 'answered', callId: next });
    await t.settle();
    await t.settle();
    expect(t.started()).toBe(1);
    expect([...t.recordings.getSnapshot()]).toEqual([next]);
  });

  it('records nothing while recording is off', async () => {
    const t = setup();
    t.send({ type: 'answered', callId: CALL });
    await t.settle();
    expect(t.recordings.getSnapshot().size).toBe(0);
  });

  it('streams chunks in order at the offsets the host confirmed, splitting big ones, and closes at the end', async () => {
    const t = setup();
    t.recordings.setEnabled(true);
    t.send({ type: 'answered', callId: CALL });
    await t.settle();
    expect([...t.recordings.getSnapshot()]).toEqual([CALL]);
    t.chunk(1000);
    t.chunk(70_000);
    t.send({ type: 'ended', callId: CALL, cause: 'hangup', by: 'remote' });
    await t.settle();
    await t.settle();
    expect(t.appended).toEqual([
      { offset: 0, bytes: 1000 },
      { offset: 1000, bytes: 32_768 },
      { offset: 33_768, bytes: 32_768 },
      { offset: 66_536, bytes: 4_464 },
    ]);
    expect(t.finished).toHaveLength(1);
    expect(t.recordings.getSnapshot().size).toBe(0);
  });

  it('stops recording (and the indicator) when the host says the size limit is reached', async () => {
    const t = setup({ truncateAfter: 1500 });
    t.recordings.setEnabled(true);
    t.send({ type: 'answered', callId: CALL });
    await t.settle();
    t.chunk(1000);
    t.chunk(1000);
    t.chunk(1000);
    for (let i = 0; i < 5; i++) await t.settle();
    expect(t.appended.map((a) => a.offset)).toEqual([0, 1000]);
    expect(t.stopped()).toBe(1);
    expect(t.recordings.getSnapshot().size).toBe(0);
    expect(t.logged.some((m) => m.includes('size limit'))).toBe(true);
  });
});
