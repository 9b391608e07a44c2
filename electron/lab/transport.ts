import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { serialize } from './sip/serialize.js';
import type { SipMessage } from './sip/types.js';
import {
  checkHandshake,
  CLOSE,
  closePayload,
  encodeFrame,
  FrameReader,
  handshakeResponse,
  OPCODE,
  refusalResponse,
} from './websocket.js';

export interface Connection {
  readonly id: number;
  readonly remote: string;
  readonly remotePort: number;
  send(msg: SipMessage): void;
  sendRaw(text: string): void;
  isOpen(): boolean;
  /** A request on this connection passed digest authentication: it is no longer closed as an idle stranger. */
  markAuthenticated(): void;
}

export interface TransportHandlers {
  onMessage(conn: Connection, data: Buffer): void;
  onClose(conn: Connection): void;
  onHttp(req: IncomingMessage, res: ServerResponse): void;
  onError(context: string, error: unknown): void;
  onRefused(reason: string, address: string, origin: string | undefined): void;
}

export interface TransportOptions {
  readonly host: string;
  readonly port: number;
  readonly maxPayload: number;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  /** Close a connection that has not authenticated a request this long after it opened; 0 never. */
  readonly unauthenticatedIdleMs: number;
  /** Whether a browser page of this origin may connect; absent Origin (not a browser) is decided by the caller too. */
  readonly originAllowed: (origin: string | undefined) => boolean;
}

/**
 * Token bucket per connection: a flooding client spends only its own budget, and the excess is dropped before it
 * is parsed, so one connection cannot take the event loop from the others.
 */
class TokenBucket {
  private tokens: number;
  private last = performance.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** How long a closing connection may take to answer our close frame before its socket is destroyed. */
const CLOSE_TIMEOUT_MS = 5_000;

/** One upgraded socket: RFC 6455 framing (./websocket.ts) on the raw TCP socket, no stream in between. */
class WsConnection {
  state: 'open' | 'closing' | 'closed' = 'open';
  private closeTimer: NodeJS.Timeout | null = null;

  constructor(readonly socket: Socket) {}

  send(text: string): void {
    if (this.state === 'open') this.socket.write(encodeFrame(OPCODE.text, text));
  }

  /** Our close frame, then the end of our side; the socket goes when the peer ends its side, or after a while. */
  close(code: number, reason?: string): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.socket.end(encodeFrame(OPCODE.close, closePayload(code, reason)));
    this.closeTimer = setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS);
    this.closeTimer.unref();
  }

  closed(): void {
    this.state = 'closed';
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
  }
}

export class LabTransport {
  private readonly http: Server;
  private readonly sockets = new Map<number, { ws: WsConnection; conn: Connection }>();
  private readonly perAddress = new Map<string, number>();
  private nextId = 1;
  droppedByRateLimit = 0;
  refusedConnections = 0;

  constructor(
    private readonly options: TransportOptions,
    private readonly handlers: TransportHandlers,
  ) {
    this.http = createServer((req, res) => {
      try {
        handlers.onHttp(req, res);
      } catch (e) {
        handlers.onError('http', e);
        if (!res.headersSent) res.writeHead(500).end();
      }
    });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        this.upgrade(req, socket as Socket, head);
      } catch (e) {
        handlers.onError('websocket handshake', e);
        socket.destroy();
      }
    });
    // Plain TCP sockets that never upgrade count too (the WebSocket cap alone leaves the HTTP server open-ended).
    this.http.maxConnections = options.maxConnections + 16;
    this.http.headersTimeout = 10_000;
    this.http.requestTimeout = 10_000;
    // A failed listen() is the caller's to report (it rejects), not a log line.
    this.http.on('error', (e) => this.http.listening && handlers.onError('websocket server', e));
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    return this.http.address() as AddressInfo;
  }

  connection(id: number): Connection | undefined {
    return this.sockets.get(id)?.conn;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const { ws } of this.sockets.values()) ws.socket.destroy();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections(); // idle HTTP keep-alive sockets (status polling) must not hold close() up
    await closed;
  }

  /**
   * Issue 17, findings 5 and 6: a browser page of a foreign origin is refused (403) before it can speak SIP,
   * and connections beyond the caps get 503 instead of memory.
   */
  private refusal(req: IncomingMessage): { status: number; reason: string } | null {
    if (!this.options.originAllowed(req.headers.origin)) return { status: 403, reason: 'Origin not allowed' };
    if (this.sockets.size >= this.options.maxConnections) return { status: 503, reason: 'Too many connections' };
    if ((this.perAddress.get(addressOf(req)) ?? 0) >= this.options.maxConnectionsPerAddress) {
      return { status: 503, reason: 'Too many connections from this address' };
    }
    return null;
  }

  /** RFC 6455 §4.2: check the client's handshake and the lab's own limits, then answer 101 or an HTTP error. */
  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const refuse = (status: number, reason: string): void => {
      socket.once('finish', () => socket.destroy());
      socket.end(refusalResponse(status, STATUS_CODES[status] ?? 'Error', reason));
    };
    socket.on('error', () => socket.destroy()); // a reset by the peer is its own business, as it was with `ws`
    const check = checkHandshake(req.method, req.headers);
    if (!check.ok) return refuse(check.status, check.reason);
    const refusal = this.refusal(req);
    if (refusal !== null) {
      this.refusedConnections++;
      this.handlers.onRefused(refusal.reason, addressOf(req), req.headers.origin);
      return refuse(refusal.status, refusal.reason);
    }
    if (!socket.readable || !socket.writable) return void socket.destroy();
    // RFC 7118 §4: the WebSocket subprotocol is "sip"; a client that does not offer it is not speaking SIP.
    const sip = check.protocols.has('sip');
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.write(handshakeResponse(check.key, sip ? 'sip' : null));
    const ws = new WsConnection(socket);
    if (!sip) {
      socket.on('data', () => {}); // read and drop until the peer answers the close
      socket.on('end', () => socket.end());
      ws.close(CLOSE.protocolError, 'the sip subprotocol is required (RFC 7118)');
      return;
    }
    this.accept(ws, req, head);
  }

  private accept(ws: WsConnection, req: IncomingMessage, head: Buffer): void {
    const { socket } = ws;
    const id = this.nextId++;
    const address = addressOf(req);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    let idle: NodeJS.Timeout | null = null;
    if (this.options.unauthenticatedIdleMs > 0) {
      idle = setTimeout(() => ws.close(CLOSE.policy, 'authenticate first'), this.options.unauthenticatedIdleMs);
      idle.unref();
    }
    const conn = this.wrap(id, ws, socket.remoteAddress ?? '', socket.remotePort ?? 0, () => {
      if (idle !== null) clearTimeout(idle);
      idle = null;
    });
    this.sockets.set(id, { ws, conn });
    const bucket = new TokenBucket(this.options.messagesPerSecond, this.options.messageBurst);
    const reader = new FrameReader(this.options.maxPayload, {
      message: (data) => {
        if (ws.state !== 'open') return;
        if (!bucket.take()) {
          this.droppedByRateLimit++;
          return;
        }
        try {
          this.handlers.onMessage(conn, data);
        } catch (e) {
          // Nothing a peer sends may take the server down (issue 4, "Bad input and limits").
          this.handlers.onError('message handler', e);
        }
      },
      ping: (payload) => {
        if (ws.state === 'open') socket.write(encodeFrame(OPCODE.pong, payload));
      },
      // §5.5.1: answer a close with a close (its code echoed), then end the TCP connection.
      close: (code) => ws.close(code ?? CLOSE.normal),
      fail: (code, message) => {
        this.handlers.onError(`connection ${id}`, new RangeError(message));
        ws.close(code);
      },
    });
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('end', () => {
      if (ws.state === 'open') ws.close(CLOSE.normal);
      else socket.end();
    });
    socket.on('close', () => {
      ws.closed();
      if (idle !== null) clearTimeout(idle);
      this.sockets.delete(id);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
      try {
        this.handlers.onClose(conn);
      } catch (e) {
        this.handlers.onError('close handler', e);
      }
    });
    if (head.length > 0) reader.push(head);
  }

  private wrap(id: number, ws: WsConnection, remote: string, remotePort: number, markAuthenticated: () => void): Connection {
    return {
      id,
      remote,
      remotePort,
      markAuthenticated,
      isOpen: () => ws.state === 'open',
      send: (msg) => ws.send(serialize(msg)),
      sendRaw: (text) => ws.send(text),
    };
  }
}

/** The peer's address, IPv4-mapped IPv6 written as IPv4, for per-address limits. */
export function addressOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
