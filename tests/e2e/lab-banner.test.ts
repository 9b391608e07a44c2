import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../electron/services/host-api/host-services';
import { startEmbeddedLabIfNeeded, type EmbeddedLab } from '../../electron/web-host/embedded-lab';
import { createLabDesk, type LabDeskHandle } from '../../electron/web-host/lab-desk';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { silentLogger } from '../../electron/lab';
import { ensureRendererBuilt, REPO_ROOT, RENDERER_DIR } from '../support/app-host';
import { headsetLevel } from '../support/app-audio';
import { launchChromium } from '../support/chromium';
import { freeTcpPort } from '../support/ports';
import { snap } from '../support/screenshots';
import { makeTempDir } from '../support/temp-dir';
import { eventually } from './phone-engine.harness';

/**
 * Issue 18: the first screen teaches the lab. From a fresh data folder (what `npm start` does on
 * a new machine, electron/web-host/cli.ts), the banner says who the agent is, "Have a customer
 * call me" has the lab's simulated customer call in the UI language, and the agent answers and
 * hears the customer's recorded complaint.
 */
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let services: HostServices;
let lab: EmbeddedLab | undefined;
let desk: LabDeskHandle | undefined;
let web: WebHost;
const opened: Page[] = [];

const complaints = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'complaints', 'complaints.json'), 'utf8')) as {
  lang: string;
  caller: string;
}[];

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  dir = makeTempDir();
  services = createHostServices({
    dataDir: dir.path,
    host: 'browser',
    version: 'e2e',
    log: { warn() {}, error: console.error },
    lab: () => desk,
  });
  lab = await startEmbeddedLabIfNeeded(services.handlers, { port: await freeTcpPort(), dataDir: dir.path });
  if (!lab) throw new Error('a fresh data folder starts the lab');
  desk = createLabDesk(lab, () => services.handlers.getSettings(), silentLogger);
  web = await startWebHost({ rendererDir: RENDERER_DIR, dispatch: services.dispatch, port: 0 });
  lab.server?.allowOrigin(new URL(web.url).origin);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await desk?.close();
  desk = undefined;
  await web.close();
  await lab?.server?.close();
  services.close();
  dir.remove();
});

describe('the lab banner', () => {
  it('a new user has a customer call them from the banner, in the UI language, answers and hears them', async () => {
    await services.handlers.saveSettings({ language: 'nl' });
    const agent = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    opened.push(agent);
    await agent.goto(web.url);
    const banner = agent.getByRole('region', { name: 'Oefencallcenter' });
    await banner.getByText('je bent agent 1001, wachtrijen: support').waitFor();
    await eventually(
      () => agent.getByTestId('registration').textContent(),
      (t) => t === 'Aangemeld',
      'signed in to the lab',
    );

    await snap(agent, 'lab-banner');
    // How to start the senior's Warmline: the exact command.
    await banner.getByText('Start de Warmline van de senior').click();
    expect(await banner.locator('code').textContent()).toBe('npm start -- --agent 2001');
    await snap(agent, 'lab-banner-senior');

    await banner.getByRole('button', { name: 'Laat een klant mij bellen' }).click();
    const status = await eventually(
      () => banner.getByRole('status').textContent(),
      (t) => (t ?? '').includes('belt de wachtrij support'),
      'the call placed',
    );
    const caller = complaints.find((c) => status?.startsWith(c.caller));
    expect(caller?.lang).toBe('nl');

    const ringing = agent.getByRole('alertdialog', { name: 'Inkomende oproep' });
    await ringing.waitFor({ timeout: 30_000 });
    await ringing
      .getByText(caller?.caller ?? '?')
      .first()
      .waitFor();
    await ringing.getByRole('button', { name: 'Opnemen' }).click();
    // The customer speaks their recorded complaint: the agent's headset is not silent.
    await eventually(
      () => headsetLevel(agent),
      (level) => level > 0.01,
      'the customer heard at the agent',
      30_000,
    );
    await snap(agent, 'lab-banner-call');

    // Once the call is over the banner no longer says the customer is calling (it did, in wrap-up and after).
    await agent.locator('[data-shortcut="hangup"]').click();
    await agent.getByTestId('wrap-up-countdown').waitFor();
    await banner.getByRole('button', { name: 'Laat een klant mij bellen' }).waitFor();
    expect(await banner.getByRole('status').textContent()).toBe('');
  });

  it('tells nothing when the app is on another server', async () => {
    await services.handlers.saveSettings({ serverUrl: 'wss://pbx.example.com' });
    expect(await services.dispatch('getLabInfo', [])).toEqual({ ok: true, value: null });
    expect(await services.dispatch('labCallMe', [{ language: 'en' }])).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
