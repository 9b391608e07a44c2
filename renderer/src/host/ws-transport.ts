import { HOST_METHODS, type HostEventListener, type HostMethod } from '../../../shared/host-api';
import { HOST_SOCKET_PATH, HOST_TOKEN_PARAM, parseHostMessage } from '../../../shared/host-api/wire';
import type { Result } from '../../../shared/result';
import { EARLY_BOOTSTRAP_ID, type EarlyHostSocket } from './early-host';
import type { RendererHost } from './index';

const RECONNECT_DELAY_MS = 1000;
/** Where the page keeps the host's token: localStorage, so a tel: link opened in a new tab works too. */
export const HOST_TOKEN_STORAGE_KEY = 'warmline.hostToken';

type TokenWindow = Pick<Window, 'location' | 'history' | 'localStorage'>;

/**
 * The web host's per-start key arrives in the address `npm start` printed (`/#token=…`): it is
 * kept in this origin's storage and taken out of the address bar, so it is not bookmarked,
 * shared in a screenshot or left in the history. Only this origin's pages can read it back.
 */
export function takeHostToken(win: TokenWindow): string | undefined {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const given = fragment.get(HOST_TOKEN_PARAM);
  if (given !== null) {
    try {
      win.localStorage.setItem(HOST_TOKEN_STORAGE_KEY, given);
    } catch {
      // Storage off: this tab still works with the token it was opened with.
    }
    fragment.delete(HOST_TOKEN_PARAM);
    const rest = fragment.toString();
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}${rest ? `#${rest}` : ''}`);
    return given;
  }
  try {
    return win.localStorage.getItem(HOST_TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

type Pending = (result: Result<unknown>) => void;

/**
 * Browser mode: the HostApi over a WebSocket to the web host that served this page. A request
 * made while the socket is down waits for it to come back; if the socket closes with requests in
 * flight they resolve with an error rather than hang. The host pushes events on the same socket
 * (`{ event }`, no `id`); while anyone listens, the socket is kept open and reopened when lost.
 * `early`: the socket the page's early script opened with the bootstrap already asked for
 * (`./early-host.ts`); it is adopted as this transport's socket and the first `bootstrap()` is
 * answered from it. If it closes before that answer, the bootstrap is asked for again as any
 * request is (a fresh socket, one retry), never lost.
 */
export function createWebSocketHost(location: Location, token: string | undefined, early?: EarlyHostSocket): RendererHost {
  const query = new URLSearchParams({ [HOST_TOKEN_PARAM]: token ?? '' });
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${HOST_SOCKET_PATH}?${query.toString()}`;
  // Without the token the host refuses the socket: say what to do rather than "not reachable".
  const unreachable =
    token === undefined
      ? 'This page was opened without its key: open the address Warmline printed when it started (it ends in #token=…).'
      : 'The Warmline host is not reachable (if it was restarted, open the address it printed again).';
  const pending = new Map<number, Pending>();
  const listeners = new Set<HostEventListener>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;
  // The early script's bootstrap answer, until it arrives: settled by the response under its id.
  let earlyAnswer: Pending | undefined;

  function receive(data: string): void {
    const message = parseHostMessage(data);
    if (message?.kind === 'response') {
      if (message.id === EARLY_BOOTSTRAP_ID) {
        earlyAnswer?.(message.result);
        earlyAnswer = undefined;
        return;
      }
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message?.kind === 'event') {
      for (const listener of [...listeners]) listener(message.event);
    }
  }

  function attach(ws: WebSocket): Promise<WebSocket> {
    return new Promise<WebSocket>((resolve, reject) => {
      if (ws.readyState === WebSocket.OPEN) resolve(ws);
      else ws.onopen = () => resolve(ws);
      ws.onmessage = (event) => receive(String(event.data));
      ws.onclose = () => {
        socket = undefined;
        for (const settle of pending.values()) {
          settle({ ok: false, error: { code: 'internal', message: 'Lost the connection to the Warmline host.' } });
        }
        pending.clear();
        // The early bootstrap was not answered on this socket: asked again (it only reads).
        if (earlyAnswer) {
          const settle = earlyAnswer;
          earlyAnswer = undefined;
          void call('bootstrap', []).then(settle);
        }
        reject(new Error('closed'));
        if (listeners.size > 0) setTimeout(keepListening, RECONNECT_DELAY_MS);
      };
    });
  }

  function connect(): Promise<WebSocket> {
    socket ??= attach(new WebSocket(url));
    return socket;
  }

  let earlyBootstrap: Promise<Result<unknown>> | undefined;
  if (early) {
    earlyBootstrap = new Promise((resolve) => (earlyAnswer = resolve));
    socket = attach(early.socket);
    // Nobody awaits it before bootstrap() does; a rejection is that socket closing, handled above.
    socket.catch(() => {});
    for (const data of early.received) receive(data);
  }

  function keepListening(): void {
    if (listeners.size > 0) connect().catch(() => {});
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
        return { ok: false, error: { code: 'internal', message: unreachable } };
      }
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, args }));
    });
  }

  const methods = Object.fromEntries(HOST_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)]));
  // The first bootstrap is the one the early script asked for, if it did.
  const bootstrap = () => {
    const answer = earlyBootstrap;
    earlyBootstrap = undefined;
    return answer ?? call('bootstrap', []);
  };
  return {
    ...(methods as unknown as Omit<RendererHost, 'onHostEvent'>),
    bootstrap: bootstrap as RendererHost['bootstrap'],
    onHostEvent(listener) {
      listeners.add(listener);
      keepListening();
      return () => void listeners.delete(listener);
    },
  };
}
