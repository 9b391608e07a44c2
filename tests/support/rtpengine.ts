import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { freeUdpPort } from './ports';

export const RTPENGINE_BIN = process.env.WARMLINE_RTPENGINE ?? 'rtpengine';

export interface Rtpengine {
  /** The ng control socket as Kamailio's rtpengine module names it: `udp:127.0.0.1:<port>`. */
  readonly ngSocket: string;
  readonly ngPort: number;
  /** Everything rtpengine wrote to stderr (SDP rewrites, ICE, DTLS), for a failing test. */
  log(): string;
  stop(): Promise<void>;
}

export interface RtpengineOptions {
  /**
   * 1 (alert) to 7 (debug); 6 shows each offer/answer and the ICE/DTLS progress, 7 every packet
   * and transcoding step. Default 6, or WARMLINE_RTPENGINE_LOG_LEVEL from the environment.
   */
  readonly logLevel?: number;
}

/**
 * Start Debian's rtpengine (package `rtpengine-daemon`) in the foreground on 127.0.0.1, media
 * relayed in userspace, and wait until its ng control port answers a ping.
 */
export async function startRtpengine(options: RtpengineOptions = {}): Promise<Rtpengine> {
  const ngPort = await freeUdpPort();
  // rtpengine allocates RTP/RTCP ports from this range itself and skips ports in use, so a
  // range per ng port (which is free) only keeps two benches from fighting over the same ports.
  const portMin = 20_000 + (ngPort % 200) * 200;
  const portMax = portMin + 199;
  const args = [
    // Debian's package ships /etc/rtpengine/rtpengine.conf for the system service (kernel table
    // 0, its own interfaces and ports): never read it.
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    `--log-level=${options.logLevel ?? Number(process.env.WARMLINE_RTPENGINE_LOG_LEVEL ?? 6)}`,
    // No kernel module (xt_RTPENGINE is a DKMS package and needs root and iptables): -1 keeps
    // forwarding in userspace, which is all a loopback bench needs.
    '--table=-1',
    // The one media address offered to both sides; the network namespace has only loopback.
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${portMin}`,
    `--port-max=${portMax}`,
    // Tear down a call whose media stopped, so a crashed test leaves nothing behind.
    '--timeout=60',
    '--delete-delay=0',
  ];
  const proc: ChildProcess = spawn(RTPENGINE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    proc.once('exit', (code, signal) =>
      reject(new Error(`rtpengine exited early (code ${code}, signal ${signal}):\n${output.slice(-4000)}`)),
    ),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPong(ngPort, 15_000), exited]);
  } catch (error) {
    proc.kill('SIGKILL');
    throw error;
  }

  return {
    ngSocket: `udp:127.0.0.1:${ngPort}`,
    ngPort,
    log: () => output,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * The ng protocol is "<cookie> <bencoded dictionary>" over UDP; `ping` answers `pong`. The port
 * is bound a little after start-up (after the DTLS certificate is generated), so poll.
 */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const socket = createSocket('udp4');
  try {
    let answered = false;
    socket.on('message', (message) => {
      if (message.toString().includes('4:pong')) answered = true;
    });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    while (!answered) {
      if (Date.now() > deadline) throw new Error(`rtpengine ng port ${port} did not answer a ping in ${timeoutMs} ms`);
      socket.send('warmline-ping d7:command4:pinge', port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    socket.close();
  }
}
