import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

/**
 * The history screen end to end: a real call against Kamailio and the lab server, wrapped up with
 * notes, then found again through the filters and the full-text search, and exported as CSV.
 */
let server: SipTestServer;
let pages: TestPages;
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let app: AppHost;
const opened: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});
beforeEach(async () => {
  dir = makeTempDir();
  app = await startAppHost(dir.path);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await app.close();
  dir.remove();
  expect(pageErrors.splice(0)).toEqual([]);
});

const NOTES = 'Parcel lost in transit; refund of 240 € promised — Ærø depot';

describe.each(SIP_SERVERS)('history against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a wrapped-up call is found by its notes and filters, and exported as CSV with a BOM', async () => {
    const user = newUser('agent');
    await app.services.handlers.saveSettings({
      serverUrl: server.wsUrl,
      sipUri: `sip:${user}@${server.domain}`,
      password: server.password,
      displayName: 'Ana Agent',
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    opened.push(page);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.url);
    await eventually(
      () => page.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'signed in',
    );

    const far = await FarEndDriver.open(browser, pages, server, 'customer', { displayName: 'Ana Reyes' });
    opened.push(far.page);
    await far.call(`sip:${user}@${server.domain}`);
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'connected',
    );
    await far.hangup();
    const form = page.getByRole('form', { name: 'After-call work' });
    await form.getByLabel('Notes').fill(NOTES);
    await form.getByLabel('Disposition').selectOption('resolved');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => page.getByTestId('agent-state').textContent(),
      (t) => t === 'Status: Available',
      'available',
    );

    await page.getByRole('button', { name: 'History', exact: true }).click();
    const rows = page.getByTestId('history-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(NOTES);
    expect(await rows.first().textContent()).toContain('resolved');

    const search = page.getByLabel('Search notes, names and numbers');
    await search.fill('parcel refund');
    await page.getByText('No calls match.').waitFor({ state: 'detached' });
    await rows.first().waitFor();
    await search.fill('nothing-like-this');
    await page.getByText('No calls match.').waitFor();
    await search.fill('');
    await rows.first().waitFor();
    await page.getByLabel('Disposition').selectOption('wrong-number');
    await page.getByText('No calls match.').waitFor();
    await page.getByLabel('Disposition').selectOption('resolved');
    await page.getByLabel('Direction').selectOption('inbound');
    await rows.first().waitFor();
    await snap(page, 'history');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^warmline-history-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(NOTES);
  });
});
