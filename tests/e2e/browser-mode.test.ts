import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it('a page of the served origin opened without the printed address’s token gets nothing from the host, and is told why', async () => {
    // A fresh profile: nothing kept from an earlier visit.
    const context = await browser.newContext();
    try {
      const stranger = await context.newPage();
      await stranger.goto(`${app.origin}/`);
      await stranger.getByText(/opened without its key: open the address Warmline printed/).waitFor();
      expect(await stranger.getByTestId('registration').textContent()).not.toBe('Signed in');
    } finally {
      await context.close();
    }
  });

  it('asks the host for the bootstrap while the entry script is still on its way, on the one socket the app keeps (issue 19)', async () => {
    // A fresh profile, as a cold start: the entry script is held until the host was asked (at most 10 s).
    await inFreshProfile(async (context, agent) => {
      const hostSockets: string[] = [];
      const bootstraps: string[] = [];
      let asked: () => void = () => {};
      const bootstrapAsked = new Promise<void>((resolve) => (asked = resolve));
      agent.on('websocket', (ws) => {
        if (!ws.url().includes('/host?')) return;
        hostSockets.push(ws.url());
        ws.on('framesent', ({ payload }) => {
          if (typeof payload === 'string' && payload.includes('"method":"bootstrap"')) {
            bootstraps.push(payload);
            asked();
          }
        });
      });
      let askedWhileHeld = false;
      await context.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
        askedWhileHeld = await Promise.race([bootstrapAsked.then(() => true), sleep(10_000).then(() => false)]);
        await route.continue();
      });
      await agent.goto(app.url);
      await eventually(
        () => agent.getByTestId('registration').textContent(),
        (t) => t === 'Signed in',
        'signed in',
      );
      expect(askedWhileHeld).toBe(true);
      // Never two bootstrap sockets: the app adopted the early one and asked once.
      expect(hostSockets).toHaveLength(1);
      expect(bootstraps).toHaveLength(1);
      // The token rides only in the socket's address, never in a frame.
      expect(bootstraps[0]).not.toContain(new URL(app.url).hash.slice('#token='.length));
    });
  });

  it('starts with no console warning about a preload: the app chunk CSS is preloaded as the stylesheet asks for it', async () => {
    // A fresh profile, as a cold start.
    await inFreshProfile(async (_context, agent) => {
      const warnings: string[] = [];
      agent.on('console', (m) => {
        if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
      });
      await agent.goto(app.url);
      await eventually(
        () => agent.getByTestId('registration').textContent(),
        (t) => t === 'Signed in',
        'signed in',
      );
      // The app's stylesheet is in (the import of the app chunk asked for it, crossorigin).
      await agent.waitForFunction(() => [...document.styleSheets].some((s) => s.href?.includes('/assets/mount-')));
      // Chromium tells of a preload not used 3 s after the load event; a mismatched one at once.
      await sleep(4_000);
      expect(warnings.filter((w) => /preload/i.test(w))).toEqual([]);
    });
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

/** Signs a new agent in to Kamailio in the app's settings, then runs `story` in a fresh browser profile (a cold start), closed after. */
async function inFreshProfile(story: (context: BrowserContext, agent: Page) => Promise<void>): Promise<void> {
  const user = newUser('agent');
  await app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
  });
  const context = await browser.newContext();
  try {
    await story(context, await context.newPage());
  } finally {
    await context.close();
  }
}

async function linkStory(desk: AppHost) {
  const user = newUser('agent');
  await desk.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
  });
  const agent: Page = await browser.newPage();
  // The printed address with a link, as typed or pasted; a browser's protocol handler would send it
  // percent-encoded, which works the same.
  const printed = new URL(desk.url);
  await agent.goto(`${printed.origin}/?dial=tel:+31201234567${printed.hash}`);
  await eventually(
    () => agent.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );
  expect(await agent.getByLabel('Number or address').inputValue()).toBe('+31201234567');
  expect(new URL(agent.url()).search).toBe('');
  // The token is kept by the page and taken out of the address bar.
  expect(new URL(agent.url()).hash).toBe('');
  const calls = await agent.evaluate(
    () => (window as unknown as { warmlineState: () => { calls: unknown[] } }).warmlineState().calls.length,
  );
  expect(calls).toBe(0);

  // What the browser's protocol handler opens: the origin and ?dial=, without the token; the page kept it.
  await agent.goto(`${desk.origin}/?dial=${encodeURIComponent('javascript:alert(1)')}`);
  await agent.getByLabel('Number or address').waitFor();
  expect(await agent.getByLabel('Number or address').inputValue()).toBe('');

  // What Chromium sends for a clicked sip: link: the whole link percent-encoded into %s.
  await agent.goto(`${desk.origin}/?dial=${encodeURIComponent('sip:alice@example.com;maddr=192.0.2.1')}`);
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
