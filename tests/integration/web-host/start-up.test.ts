// `npm start` problems, run as the user runs them: the built host (out/host/web-host.js) as its own
// processes. The first reproduction is issue 13's: a second `npm start -- --port 5181 --data-dir X`
// died with a bare `listen EADDRINUSE 127.0.0.1:5090` (the first one's lab port).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/app-host';
import { freeTcpPort } from '../../support/ports';
import { makeTempDir } from '../../support/temp-dir';

const HOST = join(REPO_ROOT, 'out', 'host', 'web-host.js');
const started: ChildProcess[] = [];
const dir = makeTempDir();

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Starts the host; resolves with its output once it printed its address, or with its exit. */
function start(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [HOST, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOME: dir.path, WARMLINE_DATA_DIR: join(dir.path, 'default') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return new Promise((resolve) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/^Data: /m.test(output)) resolve({ code: null, output });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(() => {
  // The host as `npm start` runs it: built JavaScript (esbuild, well under a second).
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'lib', 'build-host.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
});
afterAll(async () => {
  await Promise.all(
    started.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  dir.remove();
});

describe('starting a second Warmline', () => {
  let labPort: number;
  let firstPort: number;
  let first: Run;

  beforeAll(async () => {
    labPort = await freeTcpPort();
    firstPort = await freeTcpPort();
    first = await start(['--port', String(firstPort), '--lab-port', String(labPort), '--data-dir', join(dir.path, 'a')]);
  });

  it('the first one runs the lab and signs in as agent 1001', () => {
    expect(first.code).toBeNull();
    expect(first.output).toContain(`Open http://127.0.0.1:${firstPort}/`);
    expect(first.output).toContain(`Embedded lab call center on ws://127.0.0.1:${labPort}`);
    expect(first.output).toContain('signed in as agent 1001');
  });

  it('another port and data folder: joins the running lab instead of dying on its port', async () => {
    const port = await freeTcpPort();
    const second = await start(['--port', String(port), '--lab-port', String(labPort), '--data-dir', join(dir.path, 'b')]);
    expect(second.output).not.toContain('EADDRINUSE');
    expect(second.code).toBeNull();
    expect(second.output).toContain(`Open http://127.0.0.1:${port}/`);
    expect(second.output).toContain(`Lab call center of another Warmline (joined) on ws://127.0.0.1:${labPort}`);
  });

  it('--agent 2001 signs the senior in to the same lab', async () => {
    const port = await freeTcpPort();
    const senior = await start(['--agent', '2001', '--port', String(port), '--lab-port', String(labPort)]);
    expect(senior.code).toBeNull();
    expect(senior.output).toContain(`on ws://127.0.0.1:${labPort}`);
    expect(senior.output).toContain('signed in as agent 2001');
    // Its own data folder beside the default one, never the first Warmline's database.
    expect(senior.output).toContain(`Data: ${join(dir.path, 'default')}-2001`);
  });

  it('a port in use: names the port, the process holding it and the option to pick another', async () => {
    const taken = await start(['--port', String(firstPort), '--lab-port', String(labPort), '--data-dir', join(dir.path, 'c')]);
    expect(taken.code).toBe(1);
    expect(taken.output).toContain(`Port ${firstPort} is already in use by `);
    expect(taken.output).toMatch(/web-host\.js .*\(pid \d+\)/);
    expect(taken.output).toMatch(/npm start -- --port \d+/);
    expect(taken.output).not.toContain('EADDRINUSE');
  });

  it('a lab port held by something that is not a lab: names it and the ways around it', async () => {
    // The first Warmline's web host is no lab: use its port as the lab port.
    const run = await start(['--port', '0', '--lab-port', String(firstPort), '--data-dir', join(dir.path, 'd')]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`The lab call center's port ${firstPort} is already in use by `);
    expect(run.output).toContain('--lab-port');
    expect(run.output).toContain('--no-lab');
  });
});
