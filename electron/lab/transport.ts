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
}

export interface TransportHandlers {
  onMessage(conn: Connection, data: Buffer): void;
  onClose(conn: Connection): void;
  onHttp(req: IncomingMessage, res: ServerResponse): void;
  onError(context: string, error: unknown): void;
}

export interface TransportOptions {
  readonly host: string;
  readonly port: number;
  readonly maxPayload: number;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
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
  private nextId = 1;
  droppedByRateLimit = 0;

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
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
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

  private accept(ws: WebSocket, req: IncomingMessage): void {
    if (ws.protocol !== 'sip') {
      ws.close(1002, 'the sip subprotocol is required (RFC 7118)');
      return;
    }
    const id = this.nextId++;
    const conn = this.wrap(id, ws, req.socket.remoteAddress ?? '', req.socket.remotePort ?? 0);
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
      this.sockets.delete(id);
      try {
        this.handlers.onClose(conn);
      } catch (e) {
        this.handlers.onError('close handler', e);
      }
    });
  }

  private wrap(id: number, ws: WebSocket, remote: string, remotePort: number): Connection {
    return {
      id,
      remote,
      remotePort,
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
