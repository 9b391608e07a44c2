import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createHostServices, type HostServices } from '../../../electron/services/host-api/host-services';
import { startWebHost, type WebHost } from '../../../electron/web-host/server';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let services: HostServices;
let host: WebHost;

beforeEach(async () => {
  dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Warmline</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the web root');
  services = createHostServices({
    dataDir: join(dir.path, 'data'),
    host: 'browser',
    version: 't',
    log: { warn() {}, error() {} },
  });
  host = await startWebHost({ rendererDir, dispatch: services.dispatch, port: 0 });
});
afterEach(async () => {
  await host.close();
  services.close();
  dir.remove();
});

const origin = () => host.url.replace(/\/$/, '');
function connect(headers: Record<string, string> = { Origin: origin() }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin().replace('http', 'ws')}/host`, { headers });
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

  it('rejects a wrongly typed payload with a validation error and writes nothing', async () => {
    const ws = await connect();
    expect(await call(ws, 1, 'saveSettings', [{ displayName: ['not', 'text'] }])).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'displayName' }] },
    });
    expect(await call(ws, 2, 'getSettings', [])).toMatchObject({ ok: true, value: { displayName: '' } });
    ws.close();
  });

  it('closes a socket that sends malformed or oversized requests, and keeps serving others', async () => {
    const bad = await connect();
    const badClosed = closed(bad);
    bad.send('{"id": "one", ');
    expect(await badClosed).toBe(1003);

    const huge = await connect();
    const hugeClosed = closed(huge);
    huge.send(JSON.stringify({ id: 1, method: 'saveSettings', args: [{ displayName: 'x'.repeat(200_000) }] }));
    expect(await hugeClosed).toBe(1009);

    const good = await connect();
    expect(await call(good, 7, 'getSettings', [])).toMatchObject({ ok: true });
    good.close();
  });
});
