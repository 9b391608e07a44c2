/**
 * The lab's WebSocket framing (RFC 6455 server side) as a peer sees it on the wire: a plain TCP client writes the
 * frames byte for byte, so fragmentation, masking, control frames, size caps and close codes are exercised
 * exactly, not through a WebSocket library that would never send a malformed frame.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../../electron/lab/server.js';
import { DOMAIN } from './helpers/raw-client.js';
import { startTestLab, until } from './helpers/lab.js';

const MASK = Buffer.from([0x11, 0x22, 0x33, 0x44]);

function frame(opcode: number, payload: Buffer | string, o: { fin?: boolean; masked?: boolean; length?: number } = {}): Buffer {
  const data = Buffer.from(payload);
  const len = o.length ?? data.length;
  const masked = o.masked ?? true;
  const ext = len < 126 ? Buffer.alloc(0) : len < 65_536 ? Buffer.alloc(2) : Buffer.alloc(8);
  if (len >= 126 && len < 65_536) ext.writeUInt16BE(len);
  if (len >= 65_536) ext.writeBigUInt64BE(BigInt(len));
  const head = Buffer.from([
    ((o.fin ?? true) ? 0x80 : 0) | opcode,
    (masked ? 0x80 : 0) | (len < 126 ? len : len < 65_536 ? 126 : 127),
  ]);
  const body = masked ? Buffer.from(data.map((b, i) => b ^ MASK[i % 4]!)) : data;
  return Buffer.concat([head, ext, masked ? MASK : Buffer.alloc(0), body]);
}

interface ServerFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/** A TCP client that speaks the handshake and reads the server's (unmasked) frames. */
class WireClient {
  readonly frames: ServerFrame[] = [];
  handshake = '';
  ended = false;
  private buf = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('close', () => (this.ended = true));
    socket.on('error', () => {});
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<WireClient> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const c = new WireClient(socket);
    const all: Record<string, string> = {
      Host: `${hostname}:${port}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Protocol': 'sip',
      ...headers,
    };
    socket.write(
      `GET / HTTP/1.1\r\n${Object.entries(all)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n`,
    );
    await until(() => c.handshake !== '' || c.ended, 5_000, 'the handshake answer');
    return c;
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  async next(opcode: number, timeoutMs = 5_000): Promise<ServerFrame> {
    await until(() => this.frames.some((f) => f.opcode === opcode), timeoutMs, `a frame with opcode ${opcode}`);
    return this.frames.splice(
      this.frames.findIndex((f) => f.opcode === opcode),
      1,
    )[0]!;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    if (this.handshake === '') {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.handshake = this.buf.subarray(0, end + 4).toString('latin1');
      this.buf = this.buf.subarray(end + 4);
      if (!this.handshake.startsWith('HTTP/1.1 101')) return;
    }
    for (;;) {
      if (this.buf.length < 2) return;
      expect(this.buf[1]! & 0x80).toBe(0); // servers never mask (§5.1)
      let len = this.buf[1]! & 0x7f;
      let at = 2;
      if (len === 126) [len, at] = [this.buf.length >= 4 ? this.buf.readUInt16BE(2) : Infinity, 4];
      else if (len === 127) [len, at] = [this.buf.length >= 10 ? Number(this.buf.readBigUInt64BE(2)) : Infinity, 10];
      if (this.buf.length < at + len) return;
      this.frames.push({ opcode: this.buf[0]! & 0x0f, payload: this.buf.subarray(at, at + len) });
      this.buf = this.buf.subarray(at + len);
    }
  }
}

const OPTIONS = (branch: string): string =>
  `OPTIONS sip:${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/WS wire.invalid;branch=z9hG4bK${branch}\r\nMax-Forwards: 70\r\n` +
  `From: <sip:wire@${DOMAIN}>;tag=w1\r\nTo: <sip:${DOMAIN}>\r\nCall-ID: wire-${branch}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;

const closeCode = (f: ServerFrame): number => f.payload.readUInt16BE(0);

let lab: LabServer;
const events: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  lab = await startTestLab({}, (e) => void events.push(e));
});
afterAll(() => lab.close());

describe('RFC 6455 framing on the wire', () => {
  it('accepts the handshake with the RFC’s accept value and the sip subprotocol', async () => {
    const c = await WireClient.open(lab.url);
    expect(c.handshake).toMatch(/^HTTP\/1\.1 101 /);
    expect(c.handshake).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
    expect(c.handshake).toMatch(/Sec-WebSocket-Protocol: sip\r\n/i);
    c.destroy();
  });

  it('joins a fragmented request, answers a ping between its fragments, and a message split byte by byte', async () => {
    const c = await WireClient.open(lab.url);
    const text = OPTIONS('frag1');
    c.write(frame(1, text.slice(0, 30), { fin: false }));
    c.write(frame(9, 'are you there'));
    c.write(frame(0, text.slice(30, 60), { fin: false }));
    c.write(frame(0, text.slice(60)));
    expect((await c.next(10)).payload.toString()).toBe('are you there');
    expect((await c.next(1)).payload.toString()).toMatch(/^SIP\/2\.0 200 OK\r\n[\s\S]*Call-ID: wire-frag1\r\n/);
    const whole = frame(1, OPTIONS('bytes2'));
    for (const byte of whole) c.write(Buffer.from([byte]));
    expect((await c.next(1)).payload.toString()).toContain('Call-ID: wire-bytes2');
    c.destroy();
  });

  it('answers a close with the same code and ends the connection', async () => {
    const c = await WireClient.open(lab.url);
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(1000);
    c.write(frame(8, payload));
    expect(closeCode(await c.next(8))).toBe(1000);
    await until(() => c.ended, 5_000, 'the server to end the connection');
  });

  it('closes with 1002 on an unmasked frame and on a fragmented ping, and with 1009 on a frame over the cap', async () => {
    const cases: Array<[Buffer, number]> = [
      [frame(1, OPTIONS('u'), { masked: false }), 1002],
      [frame(9, 'p', { fin: false }), 1002],
      // Only the header of a 300 kB frame: refused before its payload would have to be buffered.
      [frame(1, '', { length: 300_000 }).subarray(0, 14), 1009],
    ];
    for (const [bytes, code] of cases) {
      const c = await WireClient.open(lab.url);
      c.write(bytes);
      expect(closeCode(await c.next(8))).toBe(code);
      c.destroy();
    }
    await until(
      () => events.filter((e) => e['event'] === 'connection-error').length >= 3,
      5_000,
      'three connection errors logged',
    );
    // The server answers on.
    const other = await WireClient.open(lab.url);
    other.write(frame(1, OPTIONS('after')));
    expect((await other.next(1)).payload.toString()).toContain('SIP/2.0 200 OK');
    other.destroy();
  });

  it('refuses a handshake of an unknown WebSocket version with 400 before upgrading', async () => {
    const c = await WireClient.open(lab.url, { 'Sec-WebSocket-Version': '12' });
    expect(c.handshake).toMatch(/^HTTP\/1\.1 400 /);
    await until(() => c.ended, 5_000, 'the refused socket to close');
  });
});
