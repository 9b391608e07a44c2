import type { Page, Route } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import nl from '../../renderer/src/i18n/locales/nl.json';
import { snap } from '../support/screenshots';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { press } from './keyboard.harness';
import { eventually } from './phone-engine.harness';
import { saveAgentSettings } from './desk-actions';

/**
 * Issue 19, engine first: the page signs the phone in before React and the App are evaluated, and
 * a plain-DOM status bar shows the real state until they mount. Each test holds the app chunk
 * (mount-*.js) at the network until it says so, so "before the app mounted" is a state the test
 * makes, not a race it hopes to win.
 */
let kamailio: SipTestServer;
let silent: WebSocketServer;
let silentUrl: string;
const bench = useDeskBench();
const opened: Page[] = [];
const pageErrors: string[] = [];

/**
 * The app page with its app chunk held: `release()` lets it load. `init` runs before the page's
 * scripts; `before` can hold more of the page's requests.
 */
async function openHeld(
  init?: () => void,
  before?: (page: Page) => Promise<unknown>,
): Promise<{ page: Page; release: () => void }> {
  const page = await bench.browser.newPage({ viewport: { width: 1280, height: 720 } });
  if (init) await page.addInitScript(init);
  await before?.(page);
  opened.push(page);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/mount-[\w-]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto(bench.app.url);
  return { page, release };
}

const text = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .textContent({ timeout: 1_000 })
    .catch(() => null);
const appMounted = (page: Page) => page.getByTestId('registration').count();
const headerBox = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('header.status-bar')?.getBoundingClientRect();
    return box && { top: box.top, height: box.height, width: box.width };
  });

const signInTo = (server: Parameters<typeof saveAgentSettings>[1], language: 'en' | 'nl' = 'en') =>
  saveAgentSettings(bench, server, { language });

describe('cold start: the phone signs in before the app mounts', () => {
  beforeAll(async () => {
    kamailio = await startKamailioServer();
    // A SIP-over-WebSocket "server" that takes the connection and never answers: the REGISTER
    // stays unanswered, so "Signing in…" is on screen for as long as the test looks.
    silent = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('the silent server has no port');
    silentUrl = `ws://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => silent?.close(() => resolve()));
    await kamailio?.stop();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it("shows Signing in… in the agent's language before the app, and the app's status bar takes its place without moving", async () => {
    await signInTo({ wsUrl: silentUrl, domain: 'warmline.test', password: 'secret' }, 'nl');
    const { page, release } = await openHeld();
    await eventually(
      () => text(page, 'start-registration'),
      (t) => t === nl.registration.registering,
      'the start shell says Signing in… in Dutch',
    );
    expect(await text(page, 'start-agent-state')).toBe(nl.status.agentState.replace('{{state}}', nl.agentState.offline));
    expect(await appMounted(page)).toBe(0);
    await snap(page, 'start-shell-signing-in');
    const shellHeader = await headerBox(page);

    release();
    await eventually(
      () => text(page, 'registration'),
      (t) => t === nl.registration.registering,
      'the app shows the same line',
    );
    expect(await page.getByTestId('start-shell').count()).toBe(0);
    await snap(page, 'start-shell-app-mounted');
    const appHeader = await headerBox(page);
    expect(shellHeader).toBeDefined();
    expect(appHeader?.top).toBe(shellHeader?.top);
    expect(Math.abs((appHeader?.height ?? 0) - (shellHeader?.height ?? 0))).toBeLessThanOrEqual(1);
  });

  /** Signed in with the app held back, then a customer calls: the shell says Ringing. */
  async function ringingInTheShell(signedIn?: (page: Page) => Promise<void>) {
    const user = await signInTo(kamailio);
    const { page, release } = await openHeld();
    await eventually(
      () => text(page, 'start-registration'),
      (t) => t === 'Signed in',
      'signed in before the app',
    );
    await signedIn?.(page);
    const far = await bench.customer(kamailio);
    await far.call(`sip:${user}@${kamailio.domain}`);
    await eventually(
      () => text(page, 'start-agent-state'),
      (t) => t === 'Status: Ringing',
      'the shell says Ringing',
    );
    return { page, release, far };
  }

  it('a call that rings before the app mounts is ringing in the app once it mounts', async () => {
    const { page, release, far } = await ringingInTheShell((p) => snap(p, 'start-shell-signed-in'));
    expect(await appMounted(page)).toBe(0);

    release();
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Ana Reyes' }).waitFor();
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'the customer is connected',
    );
  });

  it('Control+Alt+A pressed while the shell shows a ringing call answers it once the app mounts', async () => {
    const { page, release, far } = await ringingInTheShell();
    await press(page, 'Ctrl+Alt+A');
    expect(await appMounted(page)).toBe(0);

    release();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'the customer is connected by the kept key press',
    );
    await eventually(
      () => text(page, 'agent-state'),
      (t) => t === 'Status: On a call',
      'the app says On a call',
    );
  });

  /** The scripts whose fetch started before the shell showed "Signed in", and those index.html names. */
  async function scriptsBeforeSignedIn(hold?: (page: Page) => Promise<unknown>) {
    await signInTo(kamailio);
    // When the shell first reads Signed in, on the page's own clock (resource timing's).
    const { page, release } = await openHeld(() => {
      const w = window as unknown as { signedInAt?: number };
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="start-registration"]')?.textContent?.trim() !== 'Signed in') return;
        w.signedInAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    }, hold);
    await eventually(
      () => page.evaluate(() => (window as unknown as { signedInAt?: number }).signedInAt),
      (at) => at !== undefined,
      'Signed in on screen in the shell',
    );
    // What the REGISTER's answer sets off has had time to be asked for; then the app mounts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    release();
    await page.getByTestId('registration').waitFor({ timeout: 20_000 });
    const before = await page.evaluate(() => {
      const at = (window as unknown as { signedInAt: number }).signedInAt;
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < at && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => new URL(e.name).pathname.replace(/^.*\//, ''));
    });
    // The scripts index.html names (the early host script, the entry, the app chunk and its imports as modulepreload).
    const html = await (await fetch(bench.app.origin)).text();
    const inHtml = [
      ...html.matchAll(/<(?:script[^>]* src|link rel="modulepreload"[^>]* href)="\.\/(?:assets\/)?([^"]+\.js)"/g),
    ].map((m) => m[1] ?? '');
    return { before, inHtml };
  }

  it('asks for no script before the shell shows "Signed in" but the page\'s own and the language\'s (issue 19: JS at start)', async () => {
    const { before, inHtml } = await scriptsBeforeSignedIn();
    expect(inHtml.length).toBeGreaterThan(0);
    expect(before).toEqual(expect.arrayContaining(inHtml));
    // Beyond the page's own scripts, only the active language's chunks (its strings, its assist content).
    expect(before.filter((file) => !inHtml.includes(file) && !/^en-[\w-]+\.js$/.test(file))).toEqual([]);
  });

  it("asks for nothing more when the REGISTER is answered before the shell's strings arrive (issue 19: JS at start)", async () => {
    // The language's chunks held for 1.5 s: the phone signs in before the shell can say so.
    const { before, inHtml } = await scriptsBeforeSignedIn((page) =>
      page.route(/\/assets\/en-[\w-]+\.js$/, async (route: Route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      }),
    );
    expect(before.filter((file) => !inHtml.includes(file) && !/^en-[\w-]+\.js$/.test(file))).toEqual([]);
  });
});
