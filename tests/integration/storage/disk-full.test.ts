import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostServices, DATABASE_FILE, type HostServices } from '../../../electron/services/host-api/host-services';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Issue 17, finding 11: a full disk was reported as "internal: Something went wrong". The data
 * folder is a real, small tmpfs (mounting needs root, as the suite runs), filled up for real.
 */
const isRoot = process.getuid?.() === 0;
let dir: ReturnType<typeof makeTempDir> | undefined;
let made: ReturnType<typeof makeTempDir> | undefined;
let services: HostServices | undefined;
let mounted = false;

afterEach(() => {
  services?.close();
  services = undefined;
  if (mounted && dir) execFileSync('umount', [dir.path]);
  mounted = false;
  dir?.remove();
  dir = undefined;
  made?.remove();
  made = undefined;
});

const notes = (i: number) => ({
  callId: `call-${i}`,
  notes: `Customer ${i}: ${'wants a refund for the March invoice; '.repeat(100)}`.slice(0, 3900),
  remoteName: 'Ana',
  remoteNumber: '+31201234567',
  startedAt: 1_000 + i,
});

describe('a full disk', () => {
  it.skipIf(!isRoot)(
    'says the disk is full and that nothing typed is lost, and the same save succeeds once there is space',
    async () => {
      // A new database (its migrations need more room than 200 KiB while they run) moved onto the small disk.
      made = makeTempDir();
      createHostServices({ dataDir: made.path, host: 'browser', version: 't', log: { warn() {}, error() {} } }).close();
      dir = makeTempDir();
      // 512 KiB, not the 200 KiB of the report: a new database is 168 KiB and WAL mode's shared
      // memory file takes 32 KiB more before the first write.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir.path]);
      mounted = true;
      copyFileSync(join(made.path, DATABASE_FILE), join(dir.path, DATABASE_FILE));
      // Something else on the disk that can be deleted to make room again.
      const filler = join(dir.path, 'filler.bin');
      writeFileSync(filler, Buffer.alloc(128 * 1024));
      services = createHostServices({ dataDir: dir.path, host: 'browser', version: 't', log: { warn() {}, error() {} } });
      let refused: unknown;
      let i = 0;
      for (; i < 200; i += 1) {
        const result = await services.dispatch('saveCallNotes', [notes(i)]);
        if (!result.ok) {
          refused = result;
          break;
        }
      }
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'storage-full', message: expect.stringContaining('The disk is full') },
      });
      expect((refused as { error: { message: string } }).error.message).toContain(
        'Nothing you typed is lost while Warmline stays open',
      );

      // Space comes back: the page's next try of the same save goes through, and nothing before it was lost.
      rmSync(filler, { force: true });
      expect(await services.dispatch('saveCallNotes', [notes(i)])).toEqual({ ok: true, value: null });
      const saved = await services.dispatch('listInterruptedCallNotes', []);
      expect(saved.ok && (saved.value as unknown[]).length).toBe(i + 1);
    },
  );
});
