/**
 * The server side of RFC 6455, only as much as SIP over WebSocket (RFC 7118) needs: the opening handshake's
 * checks and answer, a frame reader for what clients send, and frames for what the lab sends. The lab used `ws`,
 * whose receiver is a Writable stream and whose sender corks two writes per message; its streams and buffering
 * were 14 % of the lab's CPU per REGISTER, more than the SIP parser (issue 19). This reader takes the socket's
 * chunks as they come, and a frame goes out as one buffer in one write.
 *
 * What a peer sends is bounded: a data message (all its fragments) beyond `maxPayload` closes the connection with
 * 1009 before its payload is buffered; control frames are at most 125 bytes; malformed frames close with 1002.
 */
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A Sec-WebSocket-Key is 16 random bytes in base64 (RFC 6455 §4.1, client requirement 7). */
const KEY = /^[+/0-9A-Za-z]{22}==$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** Close codes of RFC 6455 §7.4.1 the lab sends. */
export const CLOSE = { normal: 1000, protocolError: 1002, policy: 1008, tooBig: 1009 } as const;

export type HandshakeCheck =
  | { readonly ok: true; readonly key: string; readonly protocols: ReadonlySet<string> }
  | { readonly ok: false; readonly status: number; readonly reason: string };

/** RFC 6455 §4.2.1: what a server must check in a client's opening handshake. */
export function checkHandshake(
  method: string | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): HandshakeCheck {
  if (method !== 'GET') return { ok: false, status: 405, reason: 'Invalid HTTP method' };
  const upgrade = headers['upgrade'];
  if (typeof upgrade !== 'string' || upgrade.toLowerCase() !== 'websocket') {
    return { ok: false, status: 400, reason: 'Invalid Upgrade header' };
  }
  const key = headers['sec-websocket-key'];
  if (typeof key !== 'string' || !KEY.test(key)) {
    return { ok: false, status: 400, reason: 'Missing or invalid Sec-WebSocket-Key header' };
  }
  const version = headers['sec-websocket-version'];
  if (version !== '13' && version !== '8') {
    return { ok: false, status: 400, reason: 'Missing or invalid Sec-WebSocket-Version header' };
  }
  const protocols = new Set<string>();
  const offered = headers['sec-websocket-protocol'];
  if (typeof offered === 'string') {
    for (const p of offered.split(',')) {
      const name = p.trim();
      if (!TOKEN.test(name) || protocols.has(name) || protocols.size >= 32) {
        return { ok: false, status: 400, reason: 'Invalid Sec-WebSocket-Protocol header' };
      }
      protocols.add(name);
    }
  }
  return { ok: true, key, protocols };
}

/** The 101 answer; `protocol` only when the client offered it (a client that offered none must get none). */
export function handshakeResponse(key: string, protocol: string | null): string {
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  return (
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${accept}\r\n${protocol === null ? '' : `Sec-WebSocket-Protocol: ${protocol}\r\n`}\r\n`
  );
}

/** A refused handshake: an HTTP error the client's WebSocket reports as the status (e.g. "Unexpected server response: 403"). */
export function refusalResponse(status: number, statusText: string, reason: string): string {
  const body = reason.replace(/[\r\n]/g, ' ');
  return (
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/html\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** An unmasked server frame (RFC 6455 §5.1: servers never mask), header and payload in one buffer. */
export function encodeFrame(opcode: number, payload: string | Buffer): Buffer {
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  if (typeof payload === 'string') frame.write(payload, headerLength, 'utf8');
  else payload.copy(frame, headerLength);
  return frame;
}

/** A close frame's payload: the code, then a reason cut to the 123 bytes a control frame leaves (§5.5.1). */
export function closePayload(code: number, reason = ''): Buffer {
  let text = Buffer.from(reason, 'utf8');
  if (text.length > 123) text = text.subarray(0, 123);
  const payload = Buffer.allocUnsafe(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}

/** §7.4: codes a peer may send in a close frame (1005, 1006 and 1015 are never on the wire). */
export function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}

export interface FrameSink {
  /** A whole data message, fragments joined, unmasked. */
  message(data: Buffer): void;
  ping(payload: Buffer): void;
  /** The peer's close frame: its code (undefined when it sent none) and reason. */
  close(code: number | undefined, reason: string): void;
  /** A protocol violation; nothing more is read from this connection. */
  fail(code: number, message: string): void;
}

const EMPTY = Buffer.alloc(0);

/** Reads client frames from a byte stream (§5.2), in whatever chunks TCP delivers them. */
export class FrameReader {
  private buffered: Buffer = EMPTY;
  /** The fragments of a message in progress (§5.4), or null between messages. */
  private fragments: Buffer[] | null = null;
  private fragmentBytes = 0;
  private failed = false;

  constructor(
    private readonly maxPayload: number,
    private readonly sink: FrameSink,
  ) {}

  push(chunk: Buffer): void {
    if (this.failed) return;
    let buf = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    let offset = 0;
    while (!this.failed) {
      const used = this.frame(buf, offset);
      if (used === 0) break;
      offset += used;
    }
    if (this.failed) buf = EMPTY;
    // A copy of a partial frame: the rest of the chunk it came in is not kept alive with it.
    this.buffered = offset >= buf.length ? EMPTY : Buffer.from(buf.subarray(offset));
  }

  /** Reads one frame at `offset`; returns the bytes it took, 0 when the frame is not complete yet. */
  private frame(buf: Buffer, offset: number): number {
    const available = buf.length - offset;
    if (available < 2) return 0;
    const b0 = buf[offset]!;
    const b1 = buf[offset + 1]!;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    if ((b0 & 0x70) !== 0) return this.fail(CLOSE.protocolError, 'RSV bits must be clear (no extension was agreed)');
    if ((b1 & 0x80) === 0) return this.fail(CLOSE.protocolError, 'a client frame must be masked');
    let length = b1 & 0x7f;
    let header = 2;
    if (length === 126) {
      if (available < 4) return 0;
      length = buf.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (available < 10) return 0;
      const high = buf.readUInt32BE(offset + 2);
      // Anything past 2^32 is far beyond any cap; the exact value does not matter.
      length = high > 0 ? Number.MAX_SAFE_INTEGER : buf.readUInt32BE(offset + 6);
      header = 10;
    }
    const control = opcode >= 8;
    if (control) {
      if (opcode > OPCODE.pong) return this.fail(CLOSE.protocolError, `invalid opcode ${opcode}`);
      if (!fin) return this.fail(CLOSE.protocolError, 'a control frame must not be fragmented');
      if (length > 125) return this.fail(CLOSE.protocolError, 'a control frame carries at most 125 bytes');
    } else {
      if (opcode > OPCODE.binary) return this.fail(CLOSE.protocolError, `invalid opcode ${opcode}`);
      if (opcode === OPCODE.continuation && this.fragments === null) {
        return this.fail(CLOSE.protocolError, 'a continuation frame without a message to continue');
      }
      if (opcode !== OPCODE.continuation && this.fragments !== null) {
        return this.fail(CLOSE.protocolError, 'a new message before the last one was finished');
      }
      // Checked before the payload is waited for: an oversized message is never buffered.
      if (this.fragmentBytes + length > this.maxPayload) return this.fail(CLOSE.tooBig, 'Max payload size exceeded');
    }
    const start = offset + header + 4;
    if (buf.length - start < length) return 0;
    const payload = buf.subarray(start, start + length);
    unmask(payload, buf, offset + header);
    const used = header + 4 + length;
    if (control) {
      this.control(opcode, payload);
      return used;
    }
    if (fin && this.fragments === null) {
      this.sink.message(payload);
      return used;
    }
    this.fragments ??= [];
    this.fragments.push(Buffer.from(payload));
    this.fragmentBytes += length;
    if (fin) {
      const whole = Buffer.concat(this.fragments, this.fragmentBytes);
      this.fragments = null;
      this.fragmentBytes = 0;
      this.sink.message(whole);
    }
    return used;
  }

  private control(opcode: number, payload: Buffer): void {
    if (opcode === OPCODE.ping) return this.sink.ping(Buffer.from(payload));
    if (opcode === OPCODE.pong) return;
    // A close frame: nothing after it is read (§5.5.1).
    this.failed = true;
    if (payload.length === 0) return this.sink.close(undefined, '');
    if (payload.length === 1) return void this.fail(CLOSE.protocolError, 'a close frame with a one-byte payload');
    const code = payload.readUInt16BE(0);
    if (!isValidCloseCode(code)) return void this.fail(CLOSE.protocolError, `invalid close code ${code}`);
    this.sink.close(code, payload.subarray(2).toString('utf8'));
  }

  private fail(code: number, message: string): 0 {
    this.failed = true;
    this.fragments = null;
    this.sink.fail(code, message);
    return 0;
  }
}

/** XOR with the 4-byte masking key at `buf[keyAt]` (§5.3), in place. */
function unmask(payload: Buffer, buf: Buffer, keyAt: number): void {
  const k0 = buf[keyAt]!;
  const k1 = buf[keyAt + 1]!;
  const k2 = buf[keyAt + 2]!;
  const k3 = buf[keyAt + 3]!;
  const n = payload.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    payload[i] = payload[i]! ^ k0;
    payload[i + 1] = payload[i + 1]! ^ k1;
    payload[i + 2] = payload[i + 2]! ^ k2;
    payload[i + 3] = payload[i + 3]! ^ k3;
  }
  for (; i < n; i++) payload[i] = payload[i]! ^ buf[keyAt + (i & 3)]!;
}
