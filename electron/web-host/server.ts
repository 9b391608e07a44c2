import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { hostEventSchema, type HostEvent } from '../../shared/host-api';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import type { Dispatch } from '../services/host-api/dispatcher';
import { HOST_SOCKET_PATH, MAX_HOST_FRAME_BYTES, type HostPush } from '../../shared/host-api/wire';
import { serveHostApi } from './host-socket';
import { addressWithToken, newHostToken, presentsToken } from './host-token';
import { readStaticFile } from './static-files';

export interface WebHostOptions {
  readonly rendererDir: string;
  readonly dispatch: Dispatch;
  readonly host?: string;
  readonly port?: number;
  readonly log?: (message: string) => void;
  /** The HostApi's key; a fresh random one on every start unless given (WARMLINE_HOST_TOKEN). */
  readonly token?: string;
}

export interface WebHost {
  /** The address to open: the origin with the HostApi token in its fragment (`/#token=…`). */
  readonly url: string;
  /** The one origin whose pages may use the HostApi, e.g. `http://127.0.0.1:5180`. */
  readonly origin: string;
  readonly token: string;
  /** Pushes a host event to every page connected to the HostApi socket (validated first). */
  pushEvent(event: HostEvent): void;
  close(): Promise<void>;
}

export { HOST_SOCKET_PATH };

/** Sent with every file; the app-vs-bare bench serves its bare page with the same isolation headers. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

/**
 * Browser mode: serves the built renderer and the HostApi on one loopback port. The HostApi
 * socket accepts only pages of its own origin (another site in the same browser cannot use it)
 * that present this start's token (a local program that knows only the port cannot either).
 * The page's files hold no secrets and are served to anyone on loopback.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const root = resolve(options.rendererDir);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const token = options.token ?? newHostToken();
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

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_HOST_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== HOST_SOCKET_PATH || req.headers.origin !== origin() || !presentsToken(req.url, token)) {
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
    url: addressWithToken(origin(), token),
    origin: origin(),
    token,
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
