import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createAesGcmCodec } from '../../electron/services/credentials/aes-gcm-codec';
import { createHostServices } from '../../electron/services/host-api/host-services';
import type { SettingsPatch } from '../../shared/settings';
import { ensureRendererBuilt, RENDERER_DIR, REPO_ROOT } from './app-host';
import { freeTcpPort } from './ports';

/**
 * The browser-mode host as its own operating-system process (`electron/web-host/cli.ts`, what
 * `npm start` runs), so a test can kill it with SIGKILL: no exit handlers, no flush, no goodbye.
 * The data folder and port outlive it, so a second process can take over as after a crash.
 */
export interface HostProcess {
  readonly url: string;
  readonly pid: number;
  /** `kill -9`, resolved once the process is gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export interface HostData {
  readonly dataDir: string;
  readonly port: number;
  /** WARMLINE_SECRET_KEY: the host stores the SIP password encrypted with it, so a restart signs in again. */
  readonly secretKey: string;
}

/** A data folder with the given settings saved, as an agent's first session would leave it. */
export async function prepareHostData(dataDir: string, settings: SettingsPatch): Promise<HostData> {
  const secretKey = randomBytes(32).toString('hex');
  const services = createHostServices({
    dataDir,
    host: 'browser',
    version: 'e2e',
    secretCodec: createAesGcmCodec(Buffer.from(secretKey, 'hex')),
    log: { warn() {}, error: console.error },
  });
  try {
    services.handlers.saveSettings(settings);
  } finally {
    services.close();
  }
  return { dataDir, port: await freeTcpPort(), secretKey };
}

const gone = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** The group's processes are gone once nothing listens on the port any more. */
async function portClosed(port: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (!open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} still open after kill -9`);
}

/** `extraArgs`: more command-line options for the host (say `--reset-corrupt-db`). */
export async function startHostProcess(data: HostData, extraArgs: readonly string[] = []): Promise<HostProcess> {
  ensureRendererBuilt();
  const child = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [
      join(REPO_ROOT, 'electron', 'web-host', 'cli.ts'),
      '--port',
      String(data.port),
      '--data-dir',
      data.dataDir,
      '--renderer-dir',
      RENDERER_DIR,
      '--no-lab',
      ...extraArgs,
    ],
    // A process group of its own: tsx runs the host in a child node process, and a kill must reach both.
    {
      cwd: REPO_ROOT,
      env: { ...process.env, WARMLINE_SECRET_KEY: data.secretKey },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host process did not start:\n${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host process exited (${code ?? signal}) before starting:\n${out}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('host process has no pid');
  return {
    url,
    pid,
    async kill9() {
      signalGroup(pid, 'SIGKILL');
      await gone(child);
      await portClosed(data.port);
    },
    async stop() {
      signalGroup(pid, 'SIGTERM');
      await gone(child);
    },
  };
}
