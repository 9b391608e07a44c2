import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TURNSERVER_BIN = process.env.WARMLINE_TURNSERVER ?? 'turnserver';

export interface Coturn {
  /** turn:host:port (UDP) and the same over TCP, with the test credentials. */
  iceServer(transport: 'udp' | 'tcp'): RTCIceServer;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's coturn as the TURN server of a test: long-term credentials, no TLS, no CLI, relaying
 * from `host` only (an address of the test's own namespace: nothing leaves the machine).
 * `allowLoopbackPeers` lets it relay to 127.0.0.1 (coturn refuses loopback peers by default), for
 * a test where the relayed party's peer is a page on loopback.
 */
export async function startCoturn(host: string, port: number, options: { allowLoopbackPeers?: boolean } = {}): Promise<Coturn> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-coturn-'));
  const args = [
    '-n',
    '--listening-ip',
    host,
    '--listening-port',
    String(port),
    '--relay-ip',
    host,
    '--min-port',
    '49160',
    '--max-port',
    '49760',
    '--realm',
    'warmline.test',
    '--lt-cred-mech',
    '--user',
    'agent:turn-secret',
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-multicast-peers',
    '--pidfile',
    join(dir, 'turnserver.pid'),
    '--log-file',
    'stdout',
    '--simple-log',
    ...(options.allowLoopbackPeers ? ['--allow-loopback-peers'] : []),
  ];
  let output = '';
  const child: ChildProcess = spawn(TURNSERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turnserver exited:\n${output.slice(-3000)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) throw new Error(`turnserver did not listen:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    iceServer: (transport) => ({
      urls: `turn:${host}:${port}?transport=${transport}`,
      username: 'agent',
      credential: 'turn-secret',
    }),
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
