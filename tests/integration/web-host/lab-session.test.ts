// The embedded lab as both hosts start it (electron/web-host/lab-session.ts): browser mode's
// cli.ts and the desktop app's electron/main/index.ts, which cannot run here (no Electron binary),
// so its part is run under Node: a fresh install starts the lab, is signed in to it, the banner's
// desk answers, and the desktop app's page (app://warmline) is let into the lab's WebSocket.
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../electron/services/host-api/host-services';
import { DESKTOP_APP_ORIGIN, startLabSession, type LabSession } from '../../../electron/web-host/lab-session';
import { freeTcpPort } from '../../support/ports';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function services(): { services: HostServices; dataDir: string } {
  const dir = makeTempDir();
  const s = createHostServices({ dataDir: dir.path, host: 'electron', version: 'test', log: { warn() {}, error() {} } });
  cleanups.push(
    () => dir.remove(),
    () => s.close(),
  );
  return { services: s, dataDir: dir.path };
}

async function session(s: HostServices, options: Parameters<typeof startLabSession>[1]): Promise<LabSession | undefined> {
  const started = await startLabSession(s.handlers, options);
  if (started) cleanups.push(() => started.close());
  return started;
}

/** The HTTP status of the lab's answer to a WebSocket upgrade from a page of `origin`: 101 when let in. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['sip'], { origin });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('the embedded lab session (desktop app and browser mode)', () => {
  it('a fresh install starts the lab, is signed in to it as 1001, and the banner desk answers', async () => {
    const { services: s, dataDir } = services();
    const port = await freeTcpPort();
    const started = await session(s, { port, dataDir });
    expect(started?.lab.server).toBeDefined();
    const settings = await s.handlers.getSettings();
    expect(settings).toMatchObject({ serverUrl: `ws://127.0.0.1:${port}`, sipUri: 'sip:1001@warmline.lab' });
    expect(await s.handlers.getSipPassword()).toBe('lab-1001');
    expect(await started?.desk.info()).toMatchObject({ agent: '1001' });
  });

  it('gives the lab’s team key to a fresh install, and keeps a team key the agent set', async () => {
    const { services: s, dataDir } = services();
    const port = await freeTcpPort();
    const started = await session(s, { port, dataDir });
    expect(started?.lab.config.teamKey).toBeTruthy();
    expect(await s.handlers.getTeamKey()).toBe(started?.lab.config.teamKey);
    expect((await s.handlers.getSettings()).teamKeySet).toBe(true);
    await started?.close();
    cleanups.pop();

    await s.handlers.saveSettings({ teamKey: 'our own team key, set in Settings' });
    await session(s, { port, dataDir });
    expect(await s.handlers.getTeamKey()).toBe('our own team key, set in Settings');
  });

  it('lets in the desktop app, every lab agent’s browser address and the pages given; refuses others', async () => {
    const { services: s, dataDir } = services();
    const started = await session(s, { port: await freeTcpPort(), dataDir, pageOrigins: ['http://localhost:5173'] });
    const url = started!.lab.url;
    expect(await upgradeStatus(url, DESKTOP_APP_ORIGIN)).toBe(101);
    expect(await upgradeStatus(url, 'http://127.0.0.1:5183')).toBe(101); // npm start -- --agent 2001
    expect(await upgradeStatus(url, 'http://localhost:5173')).toBe(101); // the desktop app's dev server
    expect(await upgradeStatus(url, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(url, 'http://127.0.0.1:8000')).toBe(403);
  });

  it('a second Warmline as the senior joins the first one’s lab', async () => {
    const first = services();
    const port = await freeTcpPort();
    await session(first.services, { port, dataDir: first.dataDir });
    const second = services();
    const joined = await session(second.services, { port, dataDir: second.dataDir, agent: '2001' });
    expect(joined?.lab.server).toBeUndefined();
    expect(await second.services.handlers.getSettings()).toMatchObject({ sipUri: 'sip:2001@warmline.lab' });
  });

  it('settings that name another server: no lab', async () => {
    const { services: s, dataDir } = services();
    await s.handlers.saveSettings({ serverUrl: 'wss://pbx.example.com:7443', sipUri: 'sip:42@example.com' });
    expect(await session(s, { port: await freeTcpPort(), dataDir })).toBeUndefined();
  });
});
