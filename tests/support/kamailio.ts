import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort, freeUdpPort } from './ports';
import { startRtpengine, type Rtpengine } from './rtpengine';

export const KAMAILIO_CFG = fileURLToPath(new URL('../fixtures/kamailio/kamailio.cfg', import.meta.url));
export const KAMAILIO_BIN = process.env.WARMLINE_KAMAILIO ?? 'kamailio';
/** Debian's empty db_text tables (package `kamailio`), the presence server's storage when asked for. */
const DBTEXT_TEMPLATES = '/usr/share/kamailio/dbtext/kamailio';
const DBTEXT_PRESENCE_TABLES = ['version', 'presentity', 'active_watchers', 'watchers', 'xcap'];

export interface KamailioOptions {
  /** The one password every test user registers with (the config has no user database). */
  readonly password?: string;
  readonly domain?: string;
  /**
   * Also start rtpengine and let Kamailio bridge calls between WebSocket (WebRTC) clients and
   * plain SIP/RTP clients over UDP through it. Off by default: WebSocket-only benches need no
   * media relay and do not have to have rtpengine installed.
   */
  readonly rtpengine?: boolean;
  /**
   * Make Kamailio the team's presence server (presence, presence_xml, presence_dialoginfo from
   * Debian's kamailio-presence-modules; presentities in db_text files in the run directory).
   * Off by default: the other tests need no presence server.
   */
  readonly presence?: boolean;
}

export interface Kamailio {
  /** ws://127.0.0.1:<port> — SIP over WebSocket (RFC 7118). */
  readonly wsUrl: string;
  /** Plain SIP over UDP on 127.0.0.1, for non-browser peers. */
  readonly udpPort: number;
  readonly domain: string;
  readonly password: string;
  /** The media relay, when started with `{ rtpengine: true }`. */
  readonly rtpengine: Rtpengine | undefined;
  /** Everything Kamailio wrote to stderr, for diagnosing a failing test. */
  log(): string;
  stop(): Promise<void>;
  /** Stop and start again on the same ports: registrations are lost (usrloc is in memory). */
  restart(): Promise<void>;
}

/** Start Debian's Kamailio in the foreground on loopback and wait until its WebSocket port accepts. */
export async function startKamailio(options: KamailioOptions = {}): Promise<Kamailio> {
  const domain = options.domain ?? 'warmline.test';
  const password = options.password ?? 'warmline-test';
  if (!/^[\w.-]+$/.test(domain) || !/^[\w.-]+$/.test(password)) {
    throw new Error('domain and password must be plain tokens (they are spliced into -A defines)');
  }
  const wsPort = await freeTcpPort();
  const udpPort = await freeUdpPort();
  const rtpengine = options.rtpengine ? await startRtpengine() : undefined;
  const runDir = mkdtempSync(join(tmpdir(), 'warmline-kamailio-'));
  const dbDir = join(runDir, 'db');
  if (options.presence) {
    mkdirSync(dbDir);
    for (const table of DBTEXT_PRESENCE_TABLES) copyFileSync(join(DBTEXT_TEMPLATES, table), join(dbDir, table));
  }
  let output = '';
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    // -DD: no daemon, no fork of the main process; -E: log to stderr; -Y: runtime dir (the
    // default /run/kamailio may not exist or be writable); small memory pools for a test box.
    const args = [
      '-f',
      KAMAILIO_CFG,
      '-DD',
      '-E',
      '-Y',
      runDir,
      '-m',
      '64',
      '-M',
      '8',
      '-A',
      `WS_PORT=${wsPort}`,
      '-A',
      `UDP_PORT=${udpPort}`,
      '-A',
      `SIP_DOMAIN="${domain}"`,
      '-A',
      `SIP_PASSWORD="${password}"`,
      ...(options.presence ? ['-A', 'WITH_PRESENCE', '-A', `DB_URL="text://${dbDir}"`] : []),
      ...(rtpengine ? ['-A', 'WITH_RTPENGINE', '-A', `RTPENGINE_SOCK="${rtpengine.ngSocket}"`] : []),
    ];
    const proc = spawn(KAMAILIO_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code, signal) =>
        reject(new Error(`kamailio exited early (code ${code}, signal ${signal}):\n${output.slice(-4000)}`)),
      ),
    );
    await Promise.race([waitForPort(wsPort, 15_000), exited]);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // The main process forwards SIGTERM to its children and waits for them.
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  };

  try {
    await start();
  } catch (error) {
    await rtpengine?.stop();
    throw error;
  }
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    udpPort,
    domain,
    password,
    rtpengine,
    log: () => output,
    stop: async () => {
      await stop();
      await rtpengine?.stop();
      rmSync(runDir, { recursive: true, force: true });
    },
    // rtpengine keeps running across a restart: only Kamailio's state is lost.
    restart: async () => {
      await stop();
      await start();
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
