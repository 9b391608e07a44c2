import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../electron/services/host-api/host-services';
import { startEmbeddedLabIfNeeded, type EmbeddedLab } from '../../electron/web-host/embedded-lab';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { ensureRendererBuilt, RENDERER_DIR } from '../support/app-host';
import { freeTcpPort } from '../support/ports';
import { makeTempDir } from '../support/temp-dir';
import type { TestPages } from '../support/test-pages';
import { useBrowserBench } from './browser-bench';
import { eventually, rising } from './phone-engine.harness';

/**
 * What `npm start` does on a fresh machine (electron/web-host/cli.ts): no server configured, so
 * the embedded lab call center starts and the app signs in to it as agent 1001; a customer
 * calling the support queue rings the agent.
 */
const shared = useBrowserBench();
let browser: Browser;
let pages: TestPages;
let dir: ReturnType<typeof makeTempDir>;
let services: HostServices;
let lab: EmbeddedLab | undefined;
let web: WebHost;
const opened: Page[] = [];

beforeAll(() => ensureRendererBuilt());
beforeEach(async () => {
  ({ browser, pages } = shared);
  dir = makeTempDir();
  services = createHostServices({ dataDir: dir.path, host: 'browser', version: 'e2e', log: { warn() {}, error: console.error } });
  lab = await startEmbeddedLabIfNeeded(services.handlers, { port: await freeTcpPort(), dataDir: dir.path });
  web = await startWebHost({ rendererDir: RENDERER_DIR, dispatch: services.dispatch, port: 0 });
  // As electron/web-host/cli.ts does: the lab lets in the page the host serves (and here the far-end pages).
  lab?.server?.allowOrigin(new URL(web.url).origin);
  lab?.server?.allowOrigin(new URL(pages.url('far-end')).origin);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await web.close();
  await lab?.server?.close();
  services.close();
  dir.remove();
});

describe('first start', () => {
  it('a new user opens Warmline, is signed in to the lab as agent 1001, and a customer in the support queue rings them', async () => {
    expect(lab?.agent).toBe('1001');
    const agent = await browser.newPage();
    opened.push(agent);
    await agent.goto(web.url);
    await eventually(
      () => agent.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'signed in to the lab',
    );
    expect(await agent.getByTestId('agent-state').textContent()).toBe('Status: Available');

    const customer = await browser.newPage();
    opened.push(customer);
    await customer.goto(pages.url('far-end'));
    const domain = lab?.config.domain ?? '';
    await customer.evaluate((o) => window.farEnd.register(o), {
      wsUrl: lab?.url ?? '',
      uri: `sip:9001@${domain}`,
      password: 'lab-9001',
      displayName: 'Customer line 9001',
      toneHz: 1250,
    });
    await customer.evaluate((t) => window.farEnd.call(t), `sip:support@${domain}`);

    await agent.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await agent.getByText('Queue: support').waitFor();
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.evaluate(() => window.farEnd.state().session),
      (s) => s === 'Established',
      'customer connected',
    );
    await rising(() => customer.evaluate(() => window.farEnd.inboundBytes()), 'agent audio at the customer');
  });

  it('the next start brings the lab back with the same sign-in; a user with their own server gets no lab', async () => {
    const port = lab?.server?.port ?? 0;
    await lab?.server?.close();
    services.close();
    // Browser mode without a key forgets the password with the process; the lab gives it again.
    services = createHostServices({
      dataDir: dir.path,
      host: 'browser',
      version: 'e2e',
      log: { warn() {}, error: console.error },
    });
    lab = await startEmbeddedLabIfNeeded(services.handlers, { port, dataDir: dir.path });
    expect(lab?.server?.port).toBe(port);
    expect(await services.handlers.getSettings()).toMatchObject({
      sipUri: 'sip:1001@warmline.lab',
      displayName: 'Agent 1001 (first line)',
    });
    expect(await services.handlers.getSipPassword()).toBe('lab-1001');

    await lab?.server?.close();
    lab = undefined;
    await services.handlers.saveSettings({ serverUrl: 'wss://pbx.example.com' });
    expect(await startEmbeddedLabIfNeeded(services.handlers, { port: await freeTcpPort(), dataDir: dir.path })).toBeUndefined();
  });
});
