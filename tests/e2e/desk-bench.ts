import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeEach, expect } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import type { FarEndOptions } from '../support/far-end/sipjs-far-end';
import type { SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import type { TestPages } from '../support/test-pages';
import { useBrowserBench } from './browser-bench';
import { FarEndDriver } from './phone-engine.harness';

export interface DeskBench {
  readonly browser: Browser;
  readonly pages: TestPages;
  /** This test's app host (browser mode, its own data folder). */
  readonly app: AppHost;
  /** An app page, watched for page errors and closed after the test. */
  openApp(viewport?: { width: number; height: number }): Promise<Page>;
  /** A SIP.js far end with the given role registered to `server`, closed after the test. */
  farEnd(server: SipTestServer, role: string, options?: Partial<FarEndOptions>): Promise<FarEndDriver>;
  /** The customer most stories use: a far end named Ana Reyes. */
  customer(server: SipTestServer): Promise<FarEndDriver>;
  /** Closes `page` and stops the app host, then starts a new host on the same data folder. */
  restartApp(page: Page): Promise<AppHost>;
}

/**
 * The agent's-desk bench shared by the end-to-end stories that drive the real app: one Chromium
 * and the far-end page bundle per file (browser-bench.ts), a fresh app host and data folder per
 * test, and no page errors allowed.
 */
export function useDeskBench(): DeskBench {
  const shared = useBrowserBench();
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let app: AppHost | undefined;
  const opened: Page[] = [];
  const pageErrors: string[] = [];
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('desk bench not started (use inside a test)');
    return value;
  };

  beforeEach(async () => {
    dir = makeTempDir();
    app = await startAppHost(dir.path);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
    await app?.close();
    dir?.remove();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  return {
    get browser() {
      return shared.browser;
    },
    get pages() {
      return shared.pages;
    },
    get app() {
      return need(app);
    },
    async openApp(viewport) {
      const page = await shared.browser.newPage(viewport ? { viewport } : {});
      opened.push(page);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(need(app).url);
      return page;
    },
    async farEnd(server, role, options = {}) {
      const far = await FarEndDriver.open(shared.browser, shared.pages, server, role, options);
      opened.push(far.page);
      return far;
    },
    customer(server) {
      return this.farEnd(server, 'customer', { displayName: 'Ana Reyes' });
    },
    async restartApp(page) {
      await page.close();
      opened.splice(opened.indexOf(page), 1);
      await need(app).close();
      app = await startAppHost(need(dir).path);
      return app;
    },
  };
}
