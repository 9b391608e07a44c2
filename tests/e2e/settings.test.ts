import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/services/host-api/host-services';
import { startAppHost, RENDERER_DIR, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';

let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let app: AppHost;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => (browser = await launchChromium()));
afterAll(async () => browser?.close());
beforeEach(async () => {
  dir = makeTempDir();
  app = await startAppHost(dir.path);
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(app.url);
});
afterEach(async () => {
  await page.close();
  await app.close();
  dir.remove();
  expect(pageErrors.splice(0)).toEqual([]);
});

function storedSetting(key: string): unknown {
  const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  db.close();
  return row ? JSON.parse(row.value) : undefined;
}

describe('the first screen', () => {
  it('agent opens Warmline and sees the settings screen with the status bar saying Offline', async () => {
    await page.getByRole('heading', { name: 'Sign-in and settings' }).waitFor();
    expect(await page.getByTestId('agent-state').textContent()).toBe('Status: Offline');
    expect(await page.getByLabel('Server address (WebSocket)').inputValue()).toBe('');
  });

  it('agent saves the settings, reloads, and finds them kept in the SQLite file', async () => {
    await page.getByLabel('Server address (WebSocket)').fill('wss://pbx.example.com:7443');
    await page.getByLabel('SIP address').fill('sip:1001@example.com');
    await page.getByLabel('Display name').fill('Maria Santos');
    await page.getByLabel('Password').fill('s3cret');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();

    await page.reload();
    // Configured now, so Warmline opens on the phone; the settings are one click away.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Display name').waitFor();
    expect(await page.getByLabel('Display name').inputValue()).toBe('Maria Santos');
    expect(await page.getByLabel('SIP address').inputValue()).toBe('sip:1001@example.com');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    // The test host has no WARMLINE_SECRET_KEY: the password is in its memory (password-storage.test.ts).
    await page.getByText('A password is set, for this session only').waitFor();
    expect(storedSetting('displayName')).toBe('Maria Santos');
    expect(storedSetting('serverUrl')).toBe('wss://pbx.example.com:7443');
  });

  it('agent switches the UI to Dutch and it stays Dutch after a reload', async () => {
    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Instellingen opgeslagen.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Aanmelden en instellingen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(storedSetting('language')).toBe('nl');
  });

  it('an oversized name or a ws:// address to another machine gets a clear error and nothing is written', async () => {
    await page.getByLabel('Display name').fill('x'.repeat(65));
    await page.getByLabel('Server address (WebSocket)').fill('ws://pbx.example.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Too long: at most 64 characters.').waitFor();
    await page.getByText('Use an address that starts with wss://').waitFor();
    await page.getByText('Some fields need attention. Nothing was saved.').waitFor();
    expect(storedSetting('displayName')).toBeUndefined();
    expect(storedSetting('serverUrl')).toBeUndefined();
  });

  it('agent sets call targets and after-call work: per-queue times, the escalated time and dialling pause codes', async () => {
    await page.getByLabel('After-call work time per queue').fill('support = 45\nbilling = 0');
    await page.getByLabel('After-call work time for escalated calls (seconds)').fill('90');
    await page.getByLabel('Target call length per queue').fill('billing = 600');
    expect(await page.getByLabel('Pause feature code', { exact: true }).count()).toBe(0);
    await page.getByLabel('While in after-call work or on a break').selectOption('feature-code');
    await page.getByLabel('Pause feature code', { exact: true }).fill('*46#');
    await page.getByLabel('Unpause feature code').fill('*47');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(storedSetting('queueWrapUps')).toEqual([
      { queue: 'support', seconds: 45 },
      { queue: 'billing', seconds: 0 },
    ]);
    expect(storedSetting('escalatedWrapUpSeconds')).toBe(90);
    expect(storedSetting('queueTargets')).toEqual([{ queue: 'billing', seconds: 600 }]);
    expect([storedSetting('queuePause'), storedSetting('pauseCode'), storedSetting('unpauseCode')]).toEqual([
      'feature-code',
      '*46#',
      '*47',
    ]);

    // What cannot be right is refused with the field named, and nothing more is written.
    await page.getByLabel('After-call work time per queue').fill('support: soon');
    await page.getByLabel('Pause feature code', { exact: true }).fill('*46<script>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Write one queue a line as "queue = seconds" (0–600), each queue once.').waitFor();
    await page.getByText('Use digits, * and #, or letters, as the PBX expects.').waitFor();
    expect(storedSetting('pauseCode')).toBe('*46#');
  });

  it('a wrongly typed payload sent past the form is refused by the host and nothing is written', async () => {
    const result = await page.evaluate(async () => {
      // As the page's own code would, with the HostApi token it kept from the printed address.
      const token = localStorage.getItem('warmline.hostToken') ?? '';
      const ws = new WebSocket(`ws://${location.host}/host?token=${encodeURIComponent(token)}`);
      await new Promise((r) => (ws.onopen = r));
      const reply = new Promise<string>((r) => (ws.onmessage = (e) => r(String(e.data))));
      ws.send(JSON.stringify({ id: 1, method: 'saveSettings', args: [{ displayName: { $gt: '' }, language: 7 }] }));
      return JSON.parse(await reply);
    });
    expect(result.result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(storedSetting('displayName')).toBeUndefined();
  });

  it('ships the Content-Security-Policy in the built page', () => {
    const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"[^>]*script-src &#39;self&#39;/);
  });
});
