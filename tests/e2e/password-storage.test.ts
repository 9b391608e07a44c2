import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, REPO_ROOT } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { freeTcpPort } from '../support/ports';
import { snap } from '../support/screenshots';
import { makeTempDir } from '../support/temp-dir';

/**
 * What Settings says about the SIP password is what browser mode does with it. Started as
 * `npm start` starts it (the built out/host/web-host.js, no lab): without WARMLINE_SECRET_KEY the
 * password is kept in the host's memory only, so Settings says it is kept for this session and
 * why, and after the host is stopped and started again it really is gone; with the key it is
 * stored encrypted in SQLite, Settings says "stored", and it is still there after a restart.
 */
const HOST = join(REPO_ROOT, 'out', 'host', 'web-host.js');
const SECRET_KEY = randomBytes(32).toString('hex');

const STORED = 'A password is stored. Type a new one to replace it.';
const NOT_STORED = 'No password stored yet.';
const IN_MEMORY = 'A password is set, for this session only: Warmline keeps it in memory and forgets it when Warmline stops.';
const NOT_IN_MEMORY = 'No password yet. Warmline will keep it in memory only, until Warmline stops.';
const NOTE_WITHOUT_KEY =
  'Warmline was started without WARMLINE_SECRET_KEY, so it keeps your SIP password and team key in memory only';

let browser: Browser;
let home: ReturnType<typeof makeTempDir>;
let running: ChildProcess | undefined;
const opened: Page[] = [];
const pageErrors: string[] = [];

/** Browser mode as a user starts it, with or without the key; resolves with the printed address. */
async function startBrowserMode(dataDir: string, secretKey: string | undefined): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home.path };
  for (const name of Object.keys(env)) if (name.startsWith('WARMLINE_')) delete env[name];
  if (secretKey) env.WARMLINE_SECRET_KEY = secretKey;
  const port = await freeTcpPort();
  const child = spawn(process.execPath, [HOST, '--no-lab', '--port', String(port), '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Open (http:\/\/\S+)/.exec(output)?.[1];
      if (url && /^Data: /m.test(output)) resolve(url);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
}

async function stopBrowserMode(): Promise<void> {
  const child = running;
  running = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

async function openSettings(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  opened.push(page);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await showSettings(page);
  return page;
}

/** A configured Warmline opens on the phone: Settings is one click away. */
async function showSettings(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Sign-in and settings' });
  const settingsButton = page.getByRole('button', { name: 'Settings', exact: true });
  await heading.or(settingsButton).first().waitFor();
  if (!(await heading.isVisible())) await settingsButton.click();
  await heading.waitFor();
}

/** The words under the password box, once Settings knows how the host keeps secrets. */
async function passwordHint(page: Page, expected: string): Promise<string> {
  const hint = page
    .locator('.field')
    .filter({ has: page.getByLabel('Password', { exact: true }) })
    .locator('.hint');
  await hint.filter({ hasText: expected }).waitFor();
  return (await hint.textContent()) ?? '';
}

async function savePassword(page: Page): Promise<void> {
  await page.getByLabel('Server address (WebSocket)').fill('wss://pbx.example.com:7443');
  await page.getByLabel('SIP address').fill('sip:1001@example.com');
  await page.getByLabel('Password', { exact: true }).fill('s3cret');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  // The host as `npm start` runs it: built JavaScript (esbuild, well under a second).
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'lib', 'build-host.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
  browser = await launchChromium();
  home = makeTempDir();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await stopBrowserMode();
  expect(pageErrors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  home?.remove();
});

describe('Settings says where browser mode keeps the SIP password', () => {
  it('without WARMLINE_SECRET_KEY: kept for this session only, and after a restart it is gone', async () => {
    const dataDir = join(home.path, 'without-key');
    const page = await openSettings(await startBrowserMode(dataDir, undefined));
    const note = page.getByTestId('password-storage-notice');
    await note.waitFor();
    expect(await note.textContent()).toContain(NOTE_WITHOUT_KEY);
    expect(await passwordHint(page, NOT_IN_MEMORY)).toBe(NOT_IN_MEMORY);

    await savePassword(page);
    expect(await passwordHint(page, IN_MEMORY)).toContain(IN_MEMORY);
    // A reload of the page keeps it: the host still holds it.
    await page.reload();
    await showSettings(page);
    expect(await passwordHint(page, IN_MEMORY)).toContain(IN_MEMORY);
    expect(await page.getByText(STORED).count()).toBe(0);
    await snap(page, 'settings-password-memory-only');

    // As the words said: the host stopped, the password went with it.
    await stopBrowserMode();
    const again = await openSettings(await startBrowserMode(dataDir, undefined));
    expect(await again.getByLabel('SIP address').inputValue()).toBe('sip:1001@example.com');
    expect(await passwordHint(again, NOT_IN_MEMORY)).toBe(NOT_IN_MEMORY);
  });

  it('with WARMLINE_SECRET_KEY: stored, no memory-only note, and still there after a restart', async () => {
    const dataDir = join(home.path, 'with-key');
    const page = await openSettings(await startBrowserMode(dataDir, SECRET_KEY));
    expect(await passwordHint(page, NOT_STORED)).toBe(NOT_STORED);
    await savePassword(page);
    expect(await passwordHint(page, STORED)).toBe(STORED);
    expect(await page.getByTestId('password-storage-notice').count()).toBe(0);
    await page.getByLabel('Password', { exact: true }).scrollIntoViewIfNeeded();
    await snap(page, 'settings-password-stored');

    await stopBrowserMode();
    const again = await openSettings(await startBrowserMode(dataDir, SECRET_KEY));
    expect(await passwordHint(again, STORED)).toBe(STORED);
    expect(await again.getByTestId('password-storage-notice').count()).toBe(0);
  });
});
