import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../electron/services/host-api/host-services';
import type { HistoryPage } from '../../../shared/history';
import { RECORDING_LIMITS, type RecordingPage } from '../../../shared/recording';
import type { Result } from '../../../shared/result';
import { makeTempDir } from '../../support/temp-dir';
import { callRecord, escalationRecord, T } from '../history/history-host';

const DAY = 24 * 60 * 60 * 1000;
const CAP = 100_000;

/** A host on a real data folder with a clock the test moves and a small per-call cap. */
function recordingHost(retentionIntervalMs = 60 * 60 * 1000, cap = CAP) {
  const dir = makeTempDir();
  let clock = T;
  let services: HostServices | undefined;
  const open = () =>
    (services = createHostServices({
      dataDir: dir.path,
      host: 'browser',
      version: '0.0.0-test',
      now: () => clock,
      log: { warn() {}, error() {} },
      maxRecordingBytes: cap,
      retentionIntervalMs,
    }));
  open();
  const call = (method: string, ...args: unknown[]): Promise<Result<unknown>> => services!.dispatch(method, args);
  return {
    dir: join(dir.path, 'recordings'),
    call,
    async ok<V = unknown>(method: string, ...args: unknown[]): Promise<V> {
      const result = await call(method, ...args);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value as V;
    },
    async error(method: string, ...args: unknown[]): Promise<string> {
      const result = await call(method, ...args);
      if (result.ok) throw new Error(`${method} succeeded`);
      return result.error.code;
    },
    setClock: (at: number) => (clock = at),
    restart() {
      services?.close();
      open();
    },
    close() {
      services?.close();
      dir.remove();
    },
  };
}

let host: ReturnType<typeof recordingHost>;
afterEach(() => host.close());

/** Deterministic audio stand-in: byte i of chunk n is (n * 31 + i) mod 256. */
const chunk = (n: number, size: number) => Buffer.from(Uint8Array.from({ length: size }, (_, i) => (n * 31 + i) % 256));
const files = () => readdirSync(host.dir).sort();

async function record(callId: string, sizes: readonly number[]): Promise<{ recordingId: string; bytes: Buffer }> {
  const { recordingId } = await host.ok<{ recordingId: string }>('startRecording', { callId, mimeType: 'audio/webm' });
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [n, size] of sizes.entries()) {
    const data = chunk(n, size);
    await host.ok('appendRecording', { recordingId, offset, data: data.toString('base64') });
    parts.push(data);
    offset += size;
  }
  await host.ok('finishRecording', { recordingId });
  return { recordingId, bytes: Buffer.concat(parts) };
}

async function readAll(callId: string): Promise<{ bytes: Buffer; pages: number; mimeType: string }> {
  const parts: Buffer[] = [];
  let offset = 0;
  let pages = 0;
  let mimeType = '';
  for (;;) {
    const page = await host.ok<RecordingPage>('readRecording', { callId, offset });
    mimeType = page.mimeType;
    pages++;
    const data = Buffer.from(page.data, 'base64');
    parts.push(data);
    offset += data.length;
    if (offset >= page.totalBytes) break;
  }
  return { bytes: Buffer.concat(parts), pages, mimeType };
}

describe('call recordings on the host', () => {
  beforeEach(() => (host = recordingHost()));

  it('records nothing while recording is off (the default): the host refuses to start', async () => {
    expect(await host.error('startRecording', { callId: 'call-off', mimeType: 'audio/webm' })).toBe('forbidden');
    expect(files()).toEqual([]);
  });

  it('keeps the streamed chunks in a host-named file that History lists and plays back page by page', async () => {
    host.close();
    host = recordingHost(undefined, RECORDING_LIMITS.maxBytes);
    await host.ok('saveSettings', { recordCalls: true });
    const record1 = callRecord();
    // Nine full chunks and an odd one: more than one page of RECORDING_LIMITS.pageBytes.
    const sizes = [...Array.from({ length: 9 }, () => RECORDING_LIMITS.chunkBytes), 17];
    const { bytes } = await record(record1.callId, sizes);
    await host.ok('recordCall', record1);

    expect(files()).toHaveLength(1);
    expect(files()[0]).toMatch(/^[0-9a-f]{32}\.webm$/);
    expect(readFileSync(join(host.dir, files()[0]!))).toEqual(bytes);

    const page = await host.ok<HistoryPage>('listHistory', {});
    expect(page.items[0]?.recording).toEqual({ mimeType: 'audio/webm', bytes: bytes.length, truncated: false });
    const read = await readAll(record1.callId);
    expect(read.mimeType).toBe('audio/webm');
    expect(read.bytes).toEqual(bytes);
    expect(read.pages).toBe(2);
  });

  it('stops at the per-call cap, keeps what came before it and marks the recording truncated', async () => {
    await host.ok('saveSettings', { recordCalls: true });
    const { recordingId } = await host.ok<{ recordingId: string }>('startRecording', {
      callId: 'call-cap',
      mimeType: 'audio/ogg',
    });
    let offset = 0;
    let truncated = false;
    for (let n = 0; n < 10 && !truncated; n++) {
      const progress = await host.ok<{ bytes: number; truncated: boolean }>('appendRecording', {
        recordingId,
        offset,
        data: chunk(n, 30_000).toString('base64'),
      });
      truncated = progress.truncated;
      offset = progress.bytes;
    }
    expect(truncated).toBe(true);
    expect(offset).toBe(90_000);
    await host.ok('finishRecording', { recordingId });
    await host.ok('recordCall', callRecord({ callId: 'call-cap' }));
    expect(readFileSync(join(host.dir, files()[0]!)).length).toBe(90_000);
    expect(files()[0]).toMatch(/^[0-9a-f]{32}\.ogg$/);
    const page = await host.ok<HistoryPage>('listHistory', {});
    expect(page.items[0]?.recording).toEqual({ mimeType: 'audio/ogg', bytes: 90_000, truncated: true });
  });

  it('refuses bad input without touching the file: paths, wrong offsets, oversized chunks, finished recordings', async () => {
    await host.ok('saveSettings', { recordCalls: true });
    const { recordingId } = await host.ok<{ recordingId: string }>('startRecording', {
      callId: 'call-bad',
      mimeType: 'audio/webm',
    });
    const data = chunk(1, 100).toString('base64');
    await host.ok('appendRecording', { recordingId, offset: 0, data });

    const refusals = await Promise.all([
      host.error('startRecording', { callId: 'call-bad', mimeType: 'audio/webm' }),
      host.error('startRecording', { callId: '../../etc/passwd', mimeType: 'audio/webm' }),
      host.error('startRecording', { callId: 'call-x', mimeType: 'audio/x-wav' }),
      host.error('startRecording', { callId: 'call-x', mimeType: 'audio/webm', fileName: 'evil.sh' }),
      // The same chunk again (offset 0), and a gap (offset 200).
      host.error('appendRecording', { recordingId, offset: 0, data }),
      host.error('appendRecording', { recordingId, offset: 200, data }),
      host.error('appendRecording', {
        recordingId,
        offset: 100,
        data: chunk(2, RECORDING_LIMITS.chunkBytes + 1).toString('base64'),
      }),
      host.error('appendRecording', { recordingId, offset: 100, data: 'not base64!' }),
      host.error('appendRecording', { recordingId: '../../../warmline.sqlite', offset: 100, data }),
      host.error('appendRecording', { recordingId: 'f'.repeat(32), offset: 0, data }),
      host.error('appendRecording', { recordingId, offset: 100, data, path: '/tmp/x' }),
      host.error('readRecording', { callId: 'call-none', offset: 0 }),
      host.error('readRecording', { callId: 'call-bad', offset: 101 }),
    ]);
    expect(refusals).toEqual([
      'forbidden',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'not-found',
      'invalid-input',
      'not-found',
      'invalid-input',
    ]);
    await host.ok('finishRecording', { recordingId });
    expect(await host.error('appendRecording', { recordingId, offset: 100, data })).toBe('forbidden');
    expect(await host.error('finishRecording', { recordingId })).toBe('forbidden');
    expect(files()).toHaveLength(1);
    expect(readFileSync(join(host.dir, files()[0]!))).toEqual(chunk(1, 100));
  });

  it('makes a finished WebM seekable: the file gets its length and index, History and the player read the new file', async () => {
    host.close();
    host = recordingHost(undefined, RECORDING_LIMITS.maxBytes);
    await host.ok('saveSettings', { recordCalls: true });
    // Chromium's MediaRecorder output (no Duration, no Cues), streamed as the renderer streams it.
    const recorded = readFileSync('tests/fixtures/recording/chromium-opus-3s.webm');
    const probe = (file: string) =>
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString().trim();
    const sizes = Array.from({ length: Math.ceil(recorded.length / 4000) }, (_, n) => Math.min(4000, recorded.length - n * 4000));
    const { recordingId } = await host.ok<{ recordingId: string }>('startRecording', {
      callId: 'call-webm',
      mimeType: 'audio/webm',
    });
    let offset = 0;
    for (const size of sizes) {
      await host.ok('appendRecording', {
        recordingId,
        offset,
        data: recorded.subarray(offset, offset + size).toString('base64'),
      });
      offset += size;
    }
    expect(probe(join(host.dir, files()[0]!))).toBe('N/A');
    await host.ok('finishRecording', { recordingId });
    await host.ok('recordCall', callRecord({ callId: 'call-webm' }));

    const file = join(host.dir, files()[0]!);
    expect(files()).toHaveLength(1);
    expect(probe(file)).toBe('3.472000');
    const onDisk = readFileSync(file);
    expect(onDisk.length).toBeGreaterThan(recorded.length);
    const page = await host.ok<HistoryPage>('listHistory', {});
    expect(page.items[0]?.recording).toEqual({ mimeType: 'audio/webm', bytes: onDisk.length, truncated: false });
    expect((await readAll('call-webm')).bytes).toEqual(onDisk);
    // The same audio, sample for sample.
    const pcm = (path: string) => execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-']);
    const original = join(host.dir, '..', 'recorded.webm');
    writeFileSync(original, recorded);
    expect(pcm(file).equals(pcm(original))).toBe(true);
  });

  it('makes a WebM cut short by the cap seekable up to its last complete block', async () => {
    host.close();
    host = recordingHost(undefined, 10_000);
    await host.ok('saveSettings', { recordCalls: true });
    const recorded = readFileSync('tests/fixtures/recording/chromium-opus-3s.webm');
    const { recordingId } = await host.ok<{ recordingId: string }>('startRecording', {
      callId: 'call-webm-cap',
      mimeType: 'audio/webm',
    });
    // Chunks of 4,000 bytes: the third passes the cap, so the file stops at 8,000 bytes, inside a block.
    for (const offset of [0, 4000, 8000]) {
      await host.ok('appendRecording', {
        recordingId,
        offset,
        data: recorded.subarray(offset, offset + 4000).toString('base64'),
      });
    }
    await host.ok('finishRecording', { recordingId });
    await host.ok('recordCall', callRecord({ callId: 'call-webm-cap' }));
    const file = join(host.dir, files()[0]!);
    const duration = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString(),
    );
    // About 8,000 of the 14,733 bytes: between one and three seconds of the 3.472.
    expect(duration).toBeGreaterThan(1);
    expect(duration).toBeLessThan(3);
    const page = await host.ok<HistoryPage>('listHistory', {});
    expect(page.items[0]?.recording).toEqual({ mimeType: 'audio/webm', bytes: readFileSync(file).length, truncated: true });
    execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
  });

  it('drops a recording that never received audio', async () => {
    await host.ok('saveSettings', { recordCalls: true });
    const { recordingId } = await host.ok<{ recordingId: string }>('startRecording', {
      callId: 'call-empty',
      mimeType: 'audio/webm',
    });
    expect(files()).toHaveLength(1);
    await host.ok('finishRecording', { recordingId });
    expect(files()).toEqual([]);
  });

  it('deleting a call from the history deletes its escalation and its recording', async () => {
    await host.ok('saveSettings', { recordCalls: true });
    const kept = callRecord();
    const deleted = callRecord();
    await record(kept.callId, [500]);
    await record(deleted.callId, [700]);
    await host.ok('recordCall', kept);
    await host.ok('recordCall', deleted);
    await host.ok('recordEscalation', escalationRecord(deleted.callId));
    expect(files()).toHaveLength(2);

    await host.ok('deleteCall', { callId: deleted.callId });
    const page = await host.ok<HistoryPage>('listHistory', {});
    expect(page.items.map((i) => i.callId)).toEqual([kept.callId]);
    expect(files()).toHaveLength(1);
    expect(readFileSync(join(host.dir, files()[0]!))).toEqual(chunk(0, 500));
    expect(await host.error('readRecording', { callId: deleted.callId, offset: 0 })).toBe('not-found');
    expect(await host.error('deleteCall', { callId: deleted.callId })).toBe('not-found');
  });
});

describe('recording retention', () => {
  it('deletes recordings older than the retention period at start, keeps newer ones, and sweeps orphaned files', async () => {
    host = recordingHost();
    await host.ok('saveSettings', { recordCalls: true, recordingRetentionDays: 3 });
    const old = callRecord();
    await record(old.callId, [400]);
    await host.ok('recordCall', old);
    host.setClock(T + 2 * DAY);
    const recent = callRecord({ endedAt: T + 2 * DAY });
    await record(recent.callId, [300]);
    await host.ok('recordCall', recent);
    // Not ours (another name pattern): never touched. Ours but unknown to the database: an orphan.
    writeFileSync(join(host.dir, 'README.txt'), 'keep me');
    writeFileSync(join(host.dir, `${'0'.repeat(32)}.webm`), 'orphan');
    // A rewrite to a seekable WebM that a crash interrupted.
    writeFileSync(join(host.dir, `${'1'.repeat(32)}.webm.part`), 'orphan');

    host.setClock(T + 3 * DAY - 1);
    host.restart();
    expect(files().filter((f) => f.endsWith('.webm'))).toHaveLength(2);
    expect(files().filter((f) => f.endsWith('.part'))).toEqual([]);

    host.setClock(T + 3 * DAY + 1);
    host.restart();
    expect(files()).toHaveLength(2);
    expect(files()).toContain('README.txt');
    const page = await host.ok<HistoryPage>('listHistory', {});
    const byId = new Map(page.items.map((i) => [i.callId, i]));
    // The call stays in the history; only its recording is gone.
    expect(byId.get(old.callId)?.recording).toBeUndefined();
    expect(byId.get(recent.callId)?.recording?.bytes).toBe(300);
    expect(await host.error('readRecording', { callId: old.callId, offset: 0 })).toBe('not-found');
  });

  it('also deletes them while the app keeps running (the periodic pass)', async () => {
    host = recordingHost(20);
    await host.ok('saveSettings', { recordCalls: true, recordingRetentionDays: 1 });
    const old = callRecord();
    await record(old.callId, [400]);
    await host.ok('recordCall', old);
    expect(files()).toHaveLength(1);
    host.setClock(T + DAY + 1);
    const deadline = Date.now() + 10_000;
    while (files().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(files()).toEqual([]);
    expect(existsSync(host.dir)).toBe(true);
  });
});
