import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { hostEventSchema, MAX_HOST_REQUEST_BYTES, type HostEvent } from '../../shared/host-api';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import type { Dispatch } from '../services/host-api/dispatcher';
import { parseHostRequest, type HostPush, type HostResponse } from '../../shared/host-api/wire';
import { readStaticFile } from './static-files';

export interface WebHostOptions {
  readonly rendererDir: string;
  readonly dispatch: Dispatch;
  readonly host?: string;
  readonly port?: number;
  readonly log?: (message: string) => void;
}

export interface WebHost {
  readonly url: string;
  /** Pushes a host event to every page connected to the HostApi socket (validated first). */
  pushEvent(event: HostEvent): void;
  close(): Promise<void>;
}

export const HOST_SOCKET_PATH = '/host';

const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

/**
 * Browser mode: serves the built renderer and the HostApi on one loopback port. The HostApi
 * socket accepts only pages of its own origin, so another site open in the same browser cannot
 * read or change the agent's settings through it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const root = resolve(options.rendererDir);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    readStaticFile(root, req.url ?? '/').then(
      (file) => {
        if (!file) {
          res.writeHead(404, SECURITY_HEADERS).end('Not found');
          return;
        }
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : file.body);
      },
      () => res.writeHead(500).end(),
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_HOST_REQUEST_BYTES });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== HOST_SOCKET_PATH || !isOwnOrigin(req, origin())) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveHostApi(ws, options.dispatch, log));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const origin = () => {
    const { port } = server.address() as AddressInfo;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  };
  return {
    url: `${origin()}/`,
    pushEvent(event) {
      const push: HostPush = { event: hostEventSchema.parse(event) };
      const text = JSON.stringify(push);
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function isOwnOrigin(req: IncomingMessage, own: string): boolean {
  const header = req.headers.origin;
  if (header === own) return true;
  // Same port, the other spelling of loopback (localhost vs 127.0.0.1).
  try {
    const a = new URL(header ?? '');
    const b = new URL(own);
    const loop = (h: string) => h === 'localhost' || h === '127.0.0.1' || h === '[::1]';
    return a.protocol === 'http:' && a.port === b.port && loop(a.hostname) && loop(b.hostname);
  } catch {
    return false;
  }
}

function serveHostApi(ws: WebSocket, dispatch: Dispatch, log: (message: string) => void): void {
  ws.on('message', (data, isBinary) => {
    const request = isBinary ? undefined : parseHostRequest(data.toString());
    if (!request) {
      log('web-host: dropped a malformed HostApi request');
      ws.close(1003, 'malformed request');
      return;
    }
    dispatch(request.method, request.args).then((result) => {
      const response: HostResponse = { id: request.id, result };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });
  ws.on('error', (error) => log(`web-host: socket error ${error.message}`));
}
