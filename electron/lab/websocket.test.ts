import { describe, expect, it } from 'vitest';
import {
  checkHandshake,
  closePayload,
  encodeFrame,
  FrameReader,
  handshakeResponse,
  isValidCloseCode,
  OPCODE,
  type FrameSink,
} from './websocket';

const MASK = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);

/** A client frame (RFC 6455 §5.2), masked with a fixed key unless `masked` is false. */
function clientFrame(
  opcode: number,
  payload: Buffer | string,
  o: { fin?: boolean; masked?: boolean; rsv?: number } = {},
): Buffer {
  const data = Buffer.from(payload);
  const masked = o.masked ?? true;
  const len = data.length;
  const ext = len < 126 ? Buffer.alloc(0) : len < 65_536 ? Buffer.alloc(2) : Buffer.alloc(8);
  if (len >= 126 && len < 65_536) ext.writeUInt16BE(len);
  if (len >= 65_536) ext.writeBigUInt64BE(BigInt(len));
  const head = Buffer.from([
    ((o.fin ?? true) ? 0x80 : 0) | (o.rsv ?? 0) | opcode,
    (masked ? 0x80 : 0) | (len < 126 ? len : len < 65_536 ? 126 : 127),
  ]);
  const body = Buffer.from(data.map((b, i) => (masked ? b ^ MASK[i % 4]! : b)));
  return Buffer.concat([head, ext, masked ? MASK : Buffer.alloc(0), body]);
}

type Event = [string, ...unknown[]];

function reader(maxPayload = 1000): { r: FrameReader; events: Event[] } {
  const events: Event[] = [];
  const sink: FrameSink = {
    message: (d) => events.push(['message', d.toString('utf8')]),
    ping: (p) => events.push(['ping', p.toString('utf8')]),
    close: (code, reason) => events.push(['close', code, reason]),
    fail: (code, message) => events.push(['fail', code, message]),
  };
  return { r: new FrameReader(maxPayload, sink), events };
}

describe('FrameReader', () => {
  it('unmasks a text frame, and a frame of each length encoding', () => {
    const { r, events } = reader(100_000);
    for (const n of [0, 5, 125, 126, 300, 65_535, 65_536, 70_000]) r.push(clientFrame(OPCODE.text, 'x'.repeat(n)));
    expect(events.map(([kind, d]) => [kind, (d as string).length])).toEqual(
      [0, 5, 125, 126, 300, 65_535, 65_536, 70_000].map((n) => ['message', n]),
    );
    expect(events.every(([, d]) => /^x*$/.test(d as string))).toBe(true);
  });

  it('reads frames however TCP splits them: at every byte, and several in one chunk', () => {
    const stream = Buffer.concat([
      clientFrame(OPCODE.text, 'REGISTER sip:a SIP/2.0\r\n\r\n'),
      clientFrame(OPCODE.ping, 'p'),
      clientFrame(OPCODE.text, 'é'.repeat(200)),
    ]);
    for (const size of [1, 2, 3, 7, 64, stream.length]) {
      const { r, events } = reader();
      for (let i = 0; i < stream.length; i += size) r.push(Buffer.from(stream.subarray(i, i + size)));
      expect(events).toEqual([
        ['message', 'REGISTER sip:a SIP/2.0\r\n\r\n'],
        ['ping', 'p'],
        ['message', 'é'.repeat(200)],
      ]);
    }
  });

  it('joins a fragmented message, with a ping answered between its fragments (§5.4)', () => {
    const { r, events } = reader();
    r.push(clientFrame(OPCODE.text, 'OPTIONS ', { fin: false }));
    r.push(clientFrame(OPCODE.ping, 'mid'));
    r.push(clientFrame(OPCODE.continuation, 'sip:x ', { fin: false }));
    r.push(clientFrame(OPCODE.continuation, 'SIP/2.0'));
    r.push(clientFrame(OPCODE.binary, 'next'));
    expect(events).toEqual([
      ['ping', 'mid'],
      ['message', 'OPTIONS sip:x SIP/2.0'],
      ['message', 'next'],
    ]);
  });

  it('refuses an unmasked client frame, RSV bits, unknown opcodes and misplaced continuations with 1002', () => {
    const cases: Buffer[][] = [
      [clientFrame(OPCODE.text, 'hi', { masked: false })],
      [clientFrame(OPCODE.text, 'hi', { rsv: 0x40 })],
      [clientFrame(3, 'hi')],
      [clientFrame(0x0b, '')],
      [clientFrame(OPCODE.continuation, 'hi')],
      [clientFrame(OPCODE.text, 'a', { fin: false }), clientFrame(OPCODE.text, 'b')],
      [clientFrame(OPCODE.ping, 'p', { fin: false })],
      [clientFrame(OPCODE.ping, 'p'.repeat(126))],
    ];
    for (const frames of cases) {
      const { r, events } = reader();
      for (const f of frames) r.push(f);
      expect(events.map((e) => e.slice(0, 2))).toEqual([['fail', 1002]]);
      r.push(clientFrame(OPCODE.text, 'after')); // nothing more is read
      expect(events).toHaveLength(1);
    }
  });

  it('closes with 1009 when a message is over the cap, before its payload has arrived', () => {
    const single = reader(100);
    single.r.push(clientFrame(OPCODE.text, 'x'.repeat(101)).subarray(0, 8)); // the header only
    expect(single.events).toEqual([['fail', 1009, 'Max payload size exceeded']]);

    const fragmented = reader(100);
    fragmented.r.push(clientFrame(OPCODE.text, 'x'.repeat(60), { fin: false }));
    fragmented.r.push(clientFrame(OPCODE.continuation, 'x'.repeat(41)));
    expect(fragmented.events).toEqual([['fail', 1009, 'Max payload size exceeded']]);

    const exact = reader(100);
    exact.r.push(clientFrame(OPCODE.text, 'x'.repeat(100)));
    expect(exact.events).toEqual([['message', 'x'.repeat(100)]]);

    const huge = reader(100);
    const header = Buffer.from([0x81, 0xff, 0, 0, 0, 1, 0, 0, 0, 0]); // 2^32 bytes announced
    huge.r.push(header);
    expect(huge.events.map((e) => e.slice(0, 2))).toEqual([['fail', 1009]]);
  });

  it('reads a close frame with and without a code, and refuses a bad one', () => {
    const withCode = reader();
    withCode.r.push(clientFrame(OPCODE.close, closePayload(1000, 'bye')));
    withCode.r.push(clientFrame(OPCODE.text, 'after close')); // not read (§5.5.1)
    expect(withCode.events).toEqual([['close', 1000, 'bye']]);

    const empty = reader();
    empty.r.push(clientFrame(OPCODE.close, ''));
    expect(empty.events).toEqual([['close', undefined, '']]);

    for (const payload of [Buffer.from([3]), closePayload(1005), closePayload(999), closePayload(5000)]) {
      const bad = reader();
      bad.r.push(clientFrame(OPCODE.close, payload));
      expect(bad.events.map((e) => e.slice(0, 2))).toEqual([['fail', 1002]]);
    }
  });

  it('ignores a pong', () => {
    const { r, events } = reader();
    r.push(clientFrame(OPCODE.pong, 'x'));
    r.push(clientFrame(OPCODE.text, 'm'));
    expect(events).toEqual([['message', 'm']]);
  });
});

describe('server frames and handshake', () => {
  it('writes unmasked frames with the shortest length encoding', () => {
    expect([...encodeFrame(OPCODE.text, 'hi')]).toEqual([0x81, 2, 0x68, 0x69]);
    for (const [n, header] of [
      [125, 2],
      [126, 4],
      [65_535, 4],
      [65_536, 10],
    ] as const) {
      const f = encodeFrame(OPCODE.text, 'é'.repeat(n / 2) + (n % 2 ? 'x' : ''));
      expect(f.length).toBe(header + n);
      expect(f[1]! & 0x80).toBe(0);
      const len = header === 2 ? f[1]! & 0x7f : header === 4 ? f.readUInt16BE(2) : Number(f.readBigUInt64BE(2));
      expect(len).toBe(n);
      expect(f.subarray(header).toString('utf8')).toBe('é'.repeat(n / 2) + (n % 2 ? 'x' : ''));
    }
    expect([...encodeFrame(OPCODE.close, closePayload(1009))]).toEqual([0x88, 2, 0x03, 0xf1]);
    expect(closePayload(1000, 'r'.repeat(200)).length).toBe(125);
  });

  it('answers the handshake of RFC 6455 §1.3 with its accept value, naming the subprotocol only when chosen', () => {
    const headers = {
      upgrade: 'websocket',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version': '13',
      'sec-websocket-protocol': 'chat, sip',
    };
    const check = checkHandshake('GET', headers);
    expect(check).toEqual({ ok: true, key: 'dGhlIHNhbXBsZSBub25jZQ==', protocols: new Set(['chat', 'sip']) });
    const sip = handshakeResponse('dGhlIHNhbXBsZSBub25jZQ==', 'sip');
    expect(sip).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
    expect(sip).toContain('Sec-WebSocket-Protocol: sip\r\n');
    expect(sip.endsWith('\r\n\r\n')).toBe(true);
    expect(handshakeResponse('dGhlIHNhbXBsZSBub25jZQ==', null)).not.toContain('Sec-WebSocket-Protocol');
  });

  it('refuses a handshake that is not one', () => {
    const good = { upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' };
    expect(checkHandshake('POST', good)).toMatchObject({ ok: false, status: 405 });
    expect(checkHandshake('GET', { ...good, upgrade: 'h2c' })).toMatchObject({ ok: false, status: 400 });
    expect(checkHandshake('GET', { ...good, 'sec-websocket-key': 'short' })).toMatchObject({ ok: false, status: 400 });
    expect(checkHandshake('GET', { ...good, 'sec-websocket-version': '12' })).toMatchObject({ ok: false, status: 400 });
    expect(checkHandshake('GET', { ...good, 'sec-websocket-protocol': 'sip, sip' })).toMatchObject({ ok: false, status: 400 });
    expect(checkHandshake('GET', { ...good, 'sec-websocket-protocol': 'a b' })).toMatchObject({ ok: false, status: 400 });
  });

  it('knows which close codes may be on the wire', () => {
    expect([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1014, 3000, 4999].every(isValidCloseCode)).toBe(true);
    expect([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000].some(isValidCloseCode)).toBe(false);
  });
});
