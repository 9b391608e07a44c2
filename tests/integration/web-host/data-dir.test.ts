import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freeTcpPort } from '../../support/ports';
import { prepareHostData, startHostProcess, type HostProcess } from '../../support/host-process';
import { makeTempDir } from '../../support/temp-dir';

/** Browser mode as `npm start` runs it, as real processes on a real data folder. */
let dir: ReturnType<typeof makeTempDir>;
const running: HostProcess[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.kill9()));
  dir?.remove();
});

describe('one browser-mode host per data folder (issue 17, finding 12)', () => {
  it('a second host on the same folder refuses to start and names the first; after the first dies, it starts', async () => {
    dir = makeTempDir();
    const data = await prepareHostData(dir.path, { displayName: 'Ana' });
    const first = await startHostProcess(data);
    running.push(first);
    const firstOrigin = new URL(first.url).origin;
    const second = { ...data, port: await freeTcpPort() };
    const refused = await startHostProcess(second).then(
      (h) => (running.push(h), 'started'),
      (error: unknown) => String(error),
    );
    expect(refused).toMatch(/exited \(1\) before starting/);
    expect(refused).toMatch(
      new RegExp(`Another Warmline \\(browser mode, process \\d+, at ${firstOrigin.replace(/\./g, '\\.')}, since `),
    );
    expect(refused).toContain(`is already using the data folder ${dir.path}`);
    // The lock file names the address, never the token that unlocks it.
    const token = new URL(first.url).hash.replace('#token=', '');
    expect(readFileSync(join(dir.path, 'warmline.lock.json'), 'utf8')).not.toContain(token);

    // kill -9 leaves no stale lock: the operating system dropped it with the process.
    await first.kill9();
    running.splice(0);
    const after = await startHostProcess(second);
    running.push(after);
    expect(after.url).toContain(`:${second.port}/#token=`);
  });
});

describe('a damaged database (issue 17, finding 13)', () => {
  it('stops start-up naming the file, leaves it untouched, and --reset-corrupt-db moves it aside and starts fresh', async () => {
    dir = makeTempDir();
    const data = await prepareHostData(dir.path, {});
    const file = join(dir.path, 'warmline.sqlite');
    const garbage = Buffer.alloc(16_384, 0x42);
    writeFileSync(file, garbage);
    const refused = await startHostProcess(data).then(
      (h) => (running.push(h), 'started'),
      (error: unknown) => String(error),
    );
    expect(refused).toContain(`The Warmline database ${file} is damaged (SQLite: file is not a database)`);
    expect(refused).toContain('--reset-corrupt-db');
    expect(refused).toContain('.recover');
    expect(readFileSync(file)).toEqual(garbage);

    const fresh = await startHostProcess(data, ['--reset-corrupt-db']);
    running.push(fresh);
    const aside = readdirSync(dir.path).filter((f) => f.startsWith('warmline.sqlite.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir.path, aside[0]!))).toEqual(garbage);
  });
});
