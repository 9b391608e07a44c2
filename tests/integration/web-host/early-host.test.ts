import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { WebHost } from '../../../electron/web-host/server';
import { takeEarlyHost } from '../../../renderer/src/host/early-host';
import { createWebSocketHost } from '../../../renderer/src/host/ws-transport';
import { REPO_ROOT } from '../../support/app-host';
import { startBrowserHostRig, type BrowserHostRig } from './browser-host-rig';

/** The page's early script as served (renderer/public), run here against the real web host (issue 19). */
const EARLY_SCRIPT = readFileSync(join(REPO_ROOT, 'renderer', 'public', 'early-host.js'), 'utf8');

let rig: BrowserHostRig;
let host: WebHost;
/** The methods the host was asked for, in order. */
const asked: string[] = [];
/** Every socket the page side opened. */
const sockets: PageWebSocket[] = [];

/** The global WebSocket of the page: `ws` with the page's Origin, counted; a failure is an event, as in a browser. */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { headers: { Origin: host.origin } });
    this.on('error', () => {});
    sockets.push(this);
  }
}

beforeEach(async () => {
  asked.length = 0;
  sockets.length = 0;
  rig = await startBrowserHostRig({
    dispatch: (inner) => (method, args) => {
      asked.push(method);
      return inner(method, args);
    },
  });
  host = rig.host;
  vi.stubGlobal('WebSocket', PageWebSocket);
});
afterEach(async () => {
  for (const ws of sockets) ws.close();
  vi.unstubAllGlobals();
  await rig.close();
});

/** A page at `address` (with `#token=...` as printed, or none): runs the early script, returns its window. */
function pageRunningEarlyScript(address: string, stored: Record<string, string> = {}) {
  const win: { warmlineEarlyHost?: unknown; warmline?: unknown } = {};
  const localStorage = { getItem: (key: string) => stored[key] ?? null };
  runInNewContext(EARLY_SCRIPT, {
    window: win,
    location: new URL(address),
    localStorage,
    WebSocket: PageWebSocket,
    URLSearchParams,
  });
  return win;
}

const engine = (early: ReturnType<typeof takeEarlyHost>) =>
  createWebSocketHost(new URL(host.url) as unknown as Location, host.token, early);

const settled = (ws: WebSocket, event: 'message' | 'close') => new Promise<void>((resolve) => ws.once(event, () => resolve()));

describe('browser mode: the early host socket (issue 19)', () => {
  it('asks for the bootstrap before the engine runs; the engine adopts the answer already here, on the one socket', async () => {
    const win = pageRunningEarlyScript(host.url);
    expect(sockets).toHaveLength(1);
    await settled(sockets[0]!, 'message');
    expect(asked).toEqual(['bootstrap']);

    const renderer = engine(takeEarlyHost(win));
    expect(await renderer.bootstrap()).toMatchObject({ ok: true, value: { settings: expect.any(Object) } });
    // Later requests (numbered from 1) and a second bootstrap go over the same socket.
    expect(await renderer.getAppInfo()).toMatchObject({ ok: true, value: { host: 'browser' } });
    expect(await renderer.bootstrap()).toMatchObject({ ok: true });
    expect(asked).toEqual(['bootstrap', 'getAppInfo', 'bootstrap']);
    expect(sockets).toHaveLength(1);
  });

  it('adopts a socket still connecting: the answer arrives after the engine took it', async () => {
    const win = pageRunningEarlyScript(host.url);
    const early = takeEarlyHost(win);
    expect(early?.socket.readyState).toBe(WebSocket.CONNECTING);
    expect(await engine(early).bootstrap()).toMatchObject({ ok: true });
    expect(asked).toEqual(['bootstrap']);
    expect(sockets).toHaveLength(1);
  });

  it('hands the socket over once: a second taker gets nothing', () => {
    const win = pageRunningEarlyScript(host.url);
    expect(takeEarlyHost(win)).toBeDefined();
    expect(takeEarlyHost(win)).toBeUndefined();
  });

  it('opens nothing when it runs after the engine (it loads async): the engine has its own socket', async () => {
    const win: { warmlineEarlyHost?: unknown } = {};
    expect(takeEarlyHost(win)).toBeUndefined();
    expect(await engine(undefined).bootstrap()).toMatchObject({ ok: true });
    runInNewContext(EARLY_SCRIPT, {
      window: win,
      location: new URL(host.url),
      localStorage: { getItem: () => null },
      WebSocket: PageWebSocket,
      URLSearchParams,
    });
    expect(sockets).toHaveLength(1);
    expect(asked).toEqual(['bootstrap']);
  });

  it('finds the token kept for the origin when the address has none, and opens nothing without one or in Electron', async () => {
    const kept = pageRunningEarlyScript(host.origin, { 'warmline.hostToken': host.token });
    expect(await engine(takeEarlyHost(kept)).bootstrap()).toMatchObject({ ok: true });
    expect(sockets).toHaveLength(1);
    const none = pageRunningEarlyScript(host.origin);
    const electron: { warmlineEarlyHost?: unknown; warmline?: unknown } = { warmline: {} };
    runInNewContext(EARLY_SCRIPT, { window: electron, location: new URL(host.url), WebSocket: PageWebSocket, URLSearchParams });
    expect(takeEarlyHost(none)).toBeUndefined();
    expect(takeEarlyHost(electron)).toBeUndefined();
    expect(sockets).toHaveLength(1);
  });

  it('does not adopt an early socket already closed: the engine asks on its own socket', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as { port: number };
    await new Promise<void>((resolve) => free.close(() => resolve()));
    // Nothing listens there: the early socket fails before the engine runs.
    const win = pageRunningEarlyScript(`http://127.0.0.1:${port}/#token=${host.token}`);
    await settled(sockets[0]!, 'close');
    expect(takeEarlyHost(win)).toBeUndefined();
    expect(await engine(undefined).bootstrap()).toMatchObject({ ok: true });
    expect(sockets).toHaveLength(2);
    expect(asked).toEqual(['bootstrap']);
  });

  it('asks again when the adopted socket is lost before the answer: the bootstrap is never lost', async () => {
    const win = pageRunningEarlyScript(host.url);
    const renderer = engine(takeEarlyHost(win));
    const answer = renderer.bootstrap();
    sockets[0]!.close();
    expect(await answer).toMatchObject({ ok: true, value: { settings: expect.any(Object) } });
    expect(sockets).toHaveLength(2);
  });
});
