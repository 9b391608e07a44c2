import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort, freeUdpPort } from './ports';

export const BARESIP_CONFIG = fileURLToPath(new URL('../fixtures/baresip/config', import.meta.url));
export const BARESIP_BIN = process.env.WARMLINE_BARESIP ?? 'baresip';

/** The part of the Kamailio bench a plain SIP peer needs: where its UDP listener is. */
export interface SipServer {
  readonly udpPort: number;
  readonly domain: string;
  readonly password: string;
}

export interface BaresipOptions {
  readonly user: string;
  readonly server: SipServer;
  /** What the customer "says": a steady tone of this frequency, from a generated WAV file. */
  readonly toneHz: number;
  /** Seconds of tone; aufile hangs up when the file ends, so it must outlast the test. */
  readonly toneSeconds?: number;
  /**
   * baresip's audio_codecs, in order of preference (default Opus then PCMU). A carrier's
   * gateway usually offers G.711 only: `['pcmu']`.
   */
  readonly codecs?: readonly string[];
  /** Answer incoming calls by itself (for calls from the agent). */
  readonly autoAnswer?: boolean;
}

/** One ctrl_tcp event: `{"event":true,"type":"CALL_ESTABLISHED","class":"call",...,"param":...}`. */
export interface BaresipEvent {
  readonly type: string;
  readonly class?: string;
  readonly id?: string;
  readonly peeruri?: string;
  readonly param?: string;
  readonly [key: string]: unknown;
}

export interface Baresip {
  readonly user: string;
  readonly aor: string;
  readonly events: readonly BaresipEvent[];
  /** Run a menu command (`dial`, `hangup`, `callstat`, `sndcode`...) and return its output. */
  command(name: string, params?: string): Promise<string>;
  dial(uri: string): Promise<string>;
  hangup(): Promise<string>;
  /** Digits received as RFC 4733 telephone-events, in order of arrival (one per key press). */
  receivedDigits(): string;
  /** The WAV sndfile wrote with what baresip decoded from the call: what the customer heard. */
  heardWav(): string | undefined;
  /** Everything baresip printed (its own log, SIP and media events), for a failing test. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Start Debian's baresip as a plain SIP/RTP customer on loopback: config from
 * tests/fixtures/baresip/config in a temporary directory, registered over UDP to Kamailio with
 * digest auth, its voice a tone from a WAV file, driven over ctrl_tcp. Resolves once registered.
 */
export async function startBaresip(options: BaresipOptions): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-baresip-'));
  const sipPort = await freeUdpPort();
  const ctrlPort = await freeTcpPort();
  const rtpMin = 40_000 + (sipPort % 100) * 100;
  const sourceWav = join(dir, 'customer-voice.wav');
  writeFileSync(sourceWav, toneWav(options.toneHz, options.toneSeconds ?? 180, 8_000));
  const values: Record<string, string> = {
    SIP_PORT: String(sipPort),
    CTRL_PORT: String(ctrlPort),
    SOURCE_WAV: sourceWav,
    RECORD_DIR: dir,
    RTP_MIN: String(rtpMin),
    RTP_MAX: String(rtpMin + 99),
  };
  const config = readFileSync(BARESIP_CONFIG, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`baresip config: no value for {{${name}}}`);
    return value;
  });
  writeFileSync(join(dir, 'config'), config);
  const { server, user } = options;
  const aor = `sip:${user}@${server.domain}`;
  // The domain is not in DNS (and the bench has no DNS): every request goes to Kamailio's UDP
  // listener as outbound proxy. regint is the REGISTER expiry; audio_codecs limits what is
  // offered (Opus, then PCMU); telephone-event is added by baresip itself.
  const accountParams = [
    `auth_pass=${server.password}`,
    `outbound="sip:127.0.0.1:${server.udpPort};transport=udp"`,
    'regint=600',
    `audio_codecs=${(options.codecs ?? ['opus/48000/2', 'pcmu']).join(',')}`,
    `answermode=${options.autoAnswer ? 'auto' : 'manual'}`,
  ];
  writeFileSync(join(dir, 'accounts'), `<${aor}>;${accountParams.join(';')}\n`);
  // The contacts file must exist or baresip writes an example one; empty is fine.
  writeFileSync(join(dir, 'contacts'), '');

  let output = '';
  const proc: ChildProcess = spawn(BARESIP_BIN, ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    proc.once('exit', (code, signal) =>
      reject(new Error(`baresip exited (code ${code}, signal ${signal}):\n${output.slice(-4000)}`)),
    ),
  );
  exited.catch(() => undefined);

  const stop = async (): Promise<void> => {
    control?.destroy();
    if (proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  let control: ControlChannel | undefined;
  try {
    control = await Promise.race([ControlChannel.open(ctrlPort, 15_000), exited]);
    // ctrl_tcp sends events only to a connected client, and the REGISTER often completes before
    // we connect: the log line "<aor>: {0/UDP/v4} 200 OK (...) [1 binding]" is the proof
    // (a failure reads "<aor>: registering failed" or shows the 4xx instead of 200 OK).
    const registered = `${user}@${server.domain}: {0/UDP/v4} 200 OK`;
    await Promise.race([poll(() => output.includes(registered), 'baresip REGISTER 200 OK', 15_000), exited]);
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\n--- baresip log ---\n${output.slice(-4000)}`);
  }
  const channel = control;

  return {
    user,
    aor,
    get events() {
      return channel.events;
    },
    command: (name, params) => channel.command(name, params),
    dial: (uri) => channel.command('dial', uri),
    hangup: () => channel.command('hangup'),
    // menu prints "received event: '5' (end=0)" when a telephone-event starts and "(end=1)"
    // when it ends (RFC 4733 §2.5.1.3: the end bit is sent three times; baresip reports it once).
    receivedDigits: () => [...output.matchAll(/received event: '(.)' \(end=1\)/g)].map((m) => m[1]).join(''),
    heardWav: () => {
      const dump = readdirSync(dir)
        .filter((name) => name.endsWith('-dec.wav'))
        .sort()
        .at(-1);
      return dump === undefined ? undefined : join(dir, dump);
    },
    log: () => output,
    stop,
  };
}

async function poll(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** ctrl_tcp: netstrings (`<length>:<json>,`) both ways; responses carry the command's token. */
class ControlChannel {
  readonly events: BaresipEvent[] = [];
  #buffer = Buffer.alloc(0);
  #pending = new Map<string, (response: { ok: boolean; data: string }) => void>();
  #tokens = 0;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', () => undefined);
  }

  /** The port opens once the modules are loaded; poll until it accepts. */
  static async open(port: number, timeoutMs: number): Promise<ControlChannel> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const socket = await new Promise<Socket | undefined>((resolve) => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(undefined));
      });
      if (socket) return new ControlChannel(socket);
      if (Date.now() > deadline) throw new Error(`baresip ctrl_tcp port ${port} did not open in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  command(name: string, params = ''): Promise<string> {
    this.#tokens += 1;
    const token = `t${this.#tokens}`;
    const body = Buffer.from(JSON.stringify({ command: name, params, token }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip command ${name} got no response`)), 10_000);
      this.#pending.set(token, (response) => {
        clearTimeout(timer);
        if (response.ok) resolve(response.data);
        else reject(new Error(`baresip command ${name} ${params} failed: ${response.data}`));
      });
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]));
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const colon = this.#buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString());
      if (this.#buffer.length < colon + 1 + length + 1) return;
      const message = JSON.parse(this.#buffer.subarray(colon + 1, colon + 1 + length).toString()) as Record<string, unknown>;
      this.#buffer = this.#buffer.subarray(colon + 1 + length + 1);
      if (message.response === true) {
        this.#pending.get(String(message.token))?.({ ok: message.ok === true, data: String(message.data ?? '') });
        this.#pending.delete(String(message.token));
      } else if (message.event === true) {
        this.events.push(message as unknown as BaresipEvent);
      }
    }
  }
}

/** A mono 16-bit PCM WAV of a steady sine tone at half of full scale. */
export function toneWav(frequency: number, seconds: number, sampleRate: number): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1) {
    wav.writeInt16LE(Math.round(16_000 * Math.sin((2 * Math.PI * frequency * i) / sampleRate)), 44 + i * 2);
  }
  return wav;
}
