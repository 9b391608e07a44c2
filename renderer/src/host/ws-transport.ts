import { HOST_METHODS, type HostApi, type HostMethod } from '../../../shared/host-api';
import type { HostResponse } from '../../../shared/host-api/wire';
import type { Result } from '../../../shared/result';

const HOST_SOCKET_PATH = '/host';
const RECONNECT_DELAY_MS = 1000;

type Pending = (result: Result<unknown>) => void;

/**
 * Browser mode: the HostApi over a WebSocket to the web host that served this page. A request
 * made while the socket is down waits for it to come back; if the socket closes with requests in
 * flight they resolve with an error rather than hang.
 */
export function createWebSocketHost(location: Location): HostApi {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${HOST_SOCKET_PATH}`;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  function connect(): Promise<WebSocket> {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onmessage = (event) => {
        const response = JSON.parse(String(event.data)) as HostResponse;
        pending.get(response.id)?.(response.result);
        pending.delete(response.id);
      };
      ws.onclose = () => {
        socket = undefined;
        for (const settle of pending.values()) {
          settle({ ok: false, error: { code: 'internal', message: 'Lost the connection to the Warmline host.' } });
        }
        pending.clear();
        reject(new Error('closed'));
      };
    });
    return socket;
  }

  async function call(method: HostMethod, args: unknown[]): Promise<Result<unknown>> {
    let ws: WebSocket;
    try {
      ws = await connect();
    } catch {
      await new Promise((r) => setTimeout(r, RECONNECT_DELAY_MS));
      try {
        ws = await connect();
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The Warmline host is not reachable.' } };
      }
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, args }));
    });
  }

  return Object.fromEntries(HOST_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as HostApi;
}
