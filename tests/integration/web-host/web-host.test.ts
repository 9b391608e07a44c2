import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HostServices } from '../../../electron/services/host-api/host-services';
import { startWebHost, type WebHost } from '../../../electron/web-host/server';
import { startBrowserHostRig, type BrowserHostRig } from './browser-host-rig';

let rig: BrowserHostRig;
let services: HostServices;
let host: WebHost;

beforeEach(async () => {
  rig = await startBrowserHostRig();
  ({ host, services } = rig);
  writeFileSync(join(rig.dir.path, 'secret.txt'), 'outside the web root');
});
afterEach(async () => {
  await rig.close();
});

const origin = () => host.origin;
function connect(headers: Record<string, string> = { Origin: origin() }, query = `?token=${host.token}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin().replace('http', 'ws')}/host${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}
function call(ws: WebSocket, id: number, method: string, args: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const response = JSON.parse(data.toString()) as { id: number; result: unknown };
      if (response.id === id) resolve(response.result);
    });
    ws.send(JSON.stringify({ id, method, args }));
  });
}
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('browser-mode web host', () => {
  it('serves the renderer with a Content-Security-Policy on loopback', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>Warmline</title>');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/.env']) {
      const res = await fetch(`${origin()}${path}`);
      expect(await res.text()).not.toContain('outside the web root');
    }
  });

  it('answers HostApi calls over the socket', async () => {
    const ws = await connect();
    expect(await call(ws, 1, 'getAppInfo', [])).toMatchObject({ ok: true, value: { name: 'Warmline', host: 'browser' } });
    expect(await call(ws, 2, 'saveSettings', [{ displayName: 'Ana' }])).toMatchObject({
      ok: true,
      value: { displayName: 'Ana' },
    });
    ws.close();
  });

  it('refuses a socket from another origin (another site in the same browser)', async () => {
    await expect(connect({ Origin: 'https://evil.example' })).rejects.toThrow('403');
    await expect(connect({})).rejects.toThrow('403');
  });

  it('refuses a local program that knows the port and sends the right Origin but not the token (issue 17, finding 7)', async () => {
    // The attack as reported: any process on the machine could read the SIP password this way.
    await expect(connect({ Origin: origin() }, '')).rejects.toThrow('403');
    await expect(connect({ Origin: origin() }, '?token=')).rejects.toThrow('403');
    await expect(
      connect({ Origin: origin() }, `?token=${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`),
    ).rejects.toThrow('403');
    await expect(connect({ Origin: origin() }, `?token=${host.token}x`)).rejects.toThrow('403');
    // A page of the served origin that was opened from the printed address has the token.
    const ws = await connect();
    expect(await call(ws, 1, 'getSipPassword', [])).toMatchObject({ ok: true });
    ws.close();
  });

  it('accepts only the origin it serves: not [::1] or localhost, even with the token', async () => {
    const port = new URL(host.origin).port;
    for (const other of [`http://[::1]:${port}`, `http://localhost:${port}`, `https://127.0.0.1:${port}`, 'null']) {
      await expect(connect({ Origin: other })).rejects.toThrow('403');
    }
  });

  it('issues a different token on every start', async () => {
    const second = await startWebHost({ rendererDir: join(rig.dir.path, 'renderer'), dispatch: services.dispatch, port: 0 });
    try {
      expect(second.token).not.toBe(host.token);
      expect(second.token.length).toBeGreaterThanOrEqual(43);
    } finally {
      await second.close();
    }
  });

  it('rejects a wrongly typed payload with a validation error and writes nothing', async () => {
    const ws = await connect();
    expect(await call(ws, 1, 'saveSettings', [{ displayName: ['not', 'text'] }])).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'displayName' }] },
    });
    expect(await call(ws, 2, 'getSettings', [])).toMatchObject({ ok: true, value: { displayName: '' } });
    ws.close();
  });

  it('closes a socket that sends malformed requests, and keeps serving others', async () => {
    const bad = await connect();
    const badClosed = closed(bad);
    bad.send('{"id": "one", ');
    expect(await badClosed).toBe(1003);

    const good = await connect();
    expect(await call(good, 7, 'getSettings', [])).toMatchObject({ ok: true });
    good.close();
  });

  it('answers a request over 64 KiB with an error by its id and keeps the socket and the requests in flight (finding 14)', async () => {
    const ws = await connect();
    let closeCode: number | undefined;
    ws.once('close', (code) => (closeCode = code));
    const before = call(ws, 1, 'getSettings', []);
    const huge = call(ws, 2, 'saveSettings', [{ displayName: 'x'.repeat(200_000) }]);
    const after = call(ws, 3, 'getAppInfo', []);
    expect(await huge).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('64 KiB') } });
    expect(await before).toMatchObject({ ok: true });
    expect(await after).toMatchObject({ ok: true });
    expect(await call(ws, 4, 'getSettings', [])).toMatchObject({ ok: true, value: { displayName: '' } });
    expect(closeCode).toBeUndefined();
    ws.close();
  });

  it('still closes a socket whose frame is past the hard cap (1 MiB), and keeps serving others', async () => {
    const huge = await connect();
    const hugeClosed = closed(huge);
    huge.send(JSON.stringify({ id: 1, method: 'saveSettings', args: [{ displayName: 'x'.repeat(1_100_000) }] }));
    expect(await hugeClosed).toBe(1009);
    const good = await connect();
    expect(await call(good, 7, 'getSettings', [])).toMatchObject({ ok: true });
    good.close();
  });
});
