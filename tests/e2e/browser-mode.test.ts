import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

/**
 * Browser mode's parity with the desktop shell: the call-control shortcuts work in the tab, and a
 * tel:/sip: link the browser hands over (registerProtocolHandler → ?dial=%s) fills the dial pad.
 */
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

  it('a tel: link opened in the app fills the dial pad without dialling, and Settings offers to take such links', async () => {
    // A desk of its own: the shortcut story above leaves its agent in wrap-up, which hides the dial pad.
    const ownDir = makeTempDir();
    const desk = await startAppHost(ownDir.path);
    try {
      await linkStory(desk);
    } finally {
      await desk.close();
      ownDir.remove();
    }
  });
});

async function linkStory(desk: AppHost) {
  const user = newUser('agent');
  await desk.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
  });
  const agent: Page = await browser.newPage();
  // As typed or pasted; a browser's protocol handler would send it percent-encoded, which works the same.
  await agent.goto(`${desk.url}?dial=tel:+31201234567`);
  await eventually(
    () => agent.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );
  expect(await agent.getByLabel('Number or address').inputValue()).toBe('+31201234567');
  expect(new URL(agent.url()).search).toBe('');
  const calls = await agent.evaluate(
    () => (window as unknown as { warmlineState: () => { calls: unknown[] } }).warmlineState().calls.length,
  );
  expect(calls).toBe(0);

  await agent.goto(`${desk.url}?dial=${encodeURIComponent('javascript:alert(1)')}`);
  await agent.getByLabel('Number or address').waitFor();
  expect(await agent.getByLabel('Number or address').inputValue()).toBe('');

  // What Chromium sends for a clicked sip: link: the whole link percent-encoded into %s.
  await agent.goto(`${desk.url}?dial=${encodeURIComponent('sip:alice@example.com;maddr=192.0.2.1')}`);
  await agent.getByLabel('Number or address').waitFor();
  expect(await agent.getByLabel('Number or address').inputValue()).toBe('sip:alice@example.com');

  await agent.getByRole('button', { name: 'Settings' }).click();
  const offer = agent.getByRole('button', { name: 'Open phone links in Warmline' });
  await offer.click();
  await eventually(
    () => agent.getByRole('region', { name: 'Phone links' }).getByRole('status').textContent(),
    (t) => t !== null && t.startsWith('Your browser now asks you to confirm'),
    'the browser asked to confirm',
  );
  await agent.close();
}
