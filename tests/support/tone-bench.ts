import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { eventually, FarEndDriver, newUser } from '../e2e/phone-engine.harness';
import { startAppHost, type AppHost } from './app-host';
import { toneWav } from './baresip';
import { launchChromium } from './chromium';
import type { FarEndOptions } from './far-end/sipjs-far-end';
import type { SipTestServer } from './sip-servers';
import { makeTempDir } from './temp-dir';
import { serveTestPages, type TestPages } from './test-pages';

type SettingsPatch = Parameters<AppHost['services']['handlers']['saveSettings']>[0];

/** The agent at the app: its host, its page, its SIP user and its data folder. */
export interface AgentDesk {
  readonly app: AppHost;
  readonly page: Page;
  readonly user: string;
  readonly dataDir: string;
}

export interface ToneBench {
  /** A temporary folder for the test's files, removed after the file's tests. */
  readonly dir: string;
  readonly browser: Browser;
  readonly pages: TestPages;
  /** Starts the app host on a fresh data folder, opens the agent's page and waits until it is signed in. */
  agentSignedIn(
    server: SipTestServer,
    options?: { readonly settings?: SettingsPatch; readonly viewport?: { width: number; height: number } },
  ): Promise<AgentDesk>;
  /** A SIP.js customer (its own tone) calls the agent, the agent clicks Answer, the customer is connected. */
  customerCalls(server: SipTestServer, agent: AgentDesk, options?: Partial<FarEndOptions>): Promise<FarEndDriver>;
}

/**
 * The customer/agent tone bench of the app's audio stories: one Chromium whose fake microphone
 * speaks `agentHz` (the agent's voice), the SIP.js far-end page for the customer, the app host on a
 * fresh data folder per test. After each test the pages and the app are closed and the agent's
 * page must have thrown nothing.
 */
export function useToneBench(agentHz: number): ToneBench {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let browser: Browser | undefined;
  let pages: TestPages | undefined;
  let app: AppHost | undefined;
  const opened: Page[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = makeTempDir();
    const voice = join(dir.path, 'agent.wav');
    writeFileSync(voice, toneWav(agentHz, 60, 48_000));
    pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${voice}`]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
    await app?.close();
    app = undefined;
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    dir?.remove();
  });

  const bench: ToneBench = {
    get dir() {
      return started(dir).path;
    },
    get browser() {
      return started(browser);
    },
    get pages() {
      return started(pages);
    },

    async agentSignedIn(server, options = {}) {
      const dataDir = join(started(dir).path, newUser('agent-data'));
      app = await startAppHost(dataDir);
      const user = newUser('agent');
      await app.services.handlers.saveSettings({
        serverUrl: server.wsUrl,
        sipUri: `sip:${user}@${server.domain}`,
        password: server.password,
        displayName: 'Ana Agent',
        ...options.settings,
      });
      const page = await started(browser).newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
      opened.push(page);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(app.url);
      await eventually(
        () => page.getByTestId('registration').textContent(),
        (t) => t === 'Signed in',
        'agent signed in',
      );
      return { app, page, user, dataDir };
    },

    async customerCalls(server, agent, options = {}) {
      const customer = await FarEndDriver.open(started(browser), started(pages), server, 'customer', options);
      opened.push(customer.page);
      await customer.call(`sip:${agent.user}@${server.domain}`);
      await agent.page.getByRole('button', { name: 'Answer' }).click();
      await eventually(
        () => customer.state(),
        (s) => s.session === 'Established',
        'customer connected',
      );
      return customer;
    },
  };
  return bench;
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the tone bench starts in beforeAll: call useToneBench at the top of the file');
  return value;
}
