import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

/** Browser mode's parity with the desktop shell: the call-control shortcuts work in the tab. */
let server: SipTestServer;
let pages: TestPages;
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let app: AppHost;

beforeAll(async () => {
  server = await startKamailioServer();
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium();
  dir = makeTempDir();
  app = await startAppHost(dir.path);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await pages?.close();
  await server?.stop();
  dir?.remove();
});

describe('browser mode', () => {
  it('the agent answers with Ctrl+Alt+A and hangs up with Ctrl+Alt+H, without touching the mouse', async () => {
    const user = newUser('agent');
    await app.services.handlers.saveSettings({
      serverUrl: server.wsUrl,
      sipUri: `sip:${user}@${server.domain}`,
      password: server.password,
    });
    const agent: Page = await browser.newPage();
    await agent.goto(app.url);
    await eventually(
      () => agent.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'signed in',
    );
    const customer = await FarEndDriver.open(browser, pages, server, 'customer');
    await customer.call(`sip:${user}@${server.domain}`);
    await agent.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await agent.keyboard.press('Control+Alt+KeyA');
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'answered by shortcut',
    );
    await agent.keyboard.press('Control+Alt+KeyH');
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Terminated',
      'hung up by shortcut',
    );
    expect(await agent.getByTestId('agent-state').textContent()).toBe('Status: After-call work');
  });
});
