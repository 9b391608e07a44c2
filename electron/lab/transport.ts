import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serialize } from './sip/serialize.js';
import type { SipMessage } from './sip/types.js';

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

export class LabTransport {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Map<number, { ws: WebSocket; conn: Connection }>();
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
    // RFC 7118 §4: the WebSocket subprotocol is "sip"; a client that does not offer it is not speaking SIP.
    this.wss = new WebSocketServer({
      server: this.http,
      maxPayload: options.maxPayload,
      // The parser reads frames as UTF-8 and a bad sequence only spoils that message: no second pass (issue 19).
      skipUTF8Validation: true,
      // The lab keeps its own table of connections; `ws` need not keep a second one.
      clientTracking: false,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
      verifyClient: (info, done) => {
        const refusal = this.refusal(info.req);
        if (refusal === null) return done(true);
        this.refusedConnections++;
        handlers.onRefused(refusal.reason, addressOf(info.req), info.req.headers.origin);
        done(false, refusal.status, refusal.reason);
      },
    });
    // Plain TCP sockets that never upgrade count too (the WebSocket cap alone leaves the HTTP server open-ended).
    this.http.maxConnections = options.maxConnections + 16;
    this.http.headersTimeout = 10_000;
    this.http.requestTimeout = 10_000;
    this.wss.on('connection', (ws, req) => this.accept(ws, req));
    // `ws` re-emits the HTTP server's errors; a failed listen() is the caller's to report (it rejects), not a log line.
    this.wss.on('error', (e) => this.http.listening && handlers.onError('websocket server', e));
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
    for (const { ws } of this.sockets.values()) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
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

  private accept(ws: WebSocket, req: IncomingMessage): void {
    if (ws.protocol !== 'sip') {
      ws.close(1002, 'the sip subprotocol is required (RFC 7118)');
      return;
    }
    const id = this.nextId++;
    const address = addressOf(req);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    let idle: NodeJS.Timeout | null = null;
    if (this.options.unauthenticatedIdleMs > 0) {
      idle = setTimeout(() => ws.close(1008, 'authenticate first'), this.options.unauthenticatedIdleMs);
      idle.unref();
    }
    const conn = this.wrap(id, ws, req.socket.remoteAddress ?? '', req.socket.remotePort ?? 0, () => {
      if (idle !== null) clearTimeout(idle);
      idle = null;
    });
    this.sockets.set(id, { ws, conn });
    const bucket = new TokenBucket(this.options.messagesPerSecond, this.options.messageBurst);
    ws.on('message', (data) => {
      if (!bucket.take()) {
        this.droppedByRateLimit++;
        return;
      }
      try {
        const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        this.handlers.onMessage(conn, buf);
      } catch (e) {
        // Nothing a peer sends may take the server down (issue 4, "Bad input and limits").
        this.handlers.onError('message handler', e);
      }
    });
    ws.on('error', (e) => this.handlers.onError(`connection ${id}`, e));
    ws.on('close', () => {
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
  }

  private wrap(id: number, ws: WebSocket, remote: string, remotePort: number, markAuthenticated: () => void): Connection {
    return {
      id,
      remote,
      remotePort,
      markAuthenticated,
      isOpen: () => ws.readyState === ws.OPEN,
      send: (msg) => {
        if (ws.readyState === ws.OPEN) ws.send(serialize(msg));
      },
      sendRaw: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
    };
  }
}

/** The peer's address, IPv4-mapped IPv6 written as IPv4, for per-address limits. */
export function addressOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
