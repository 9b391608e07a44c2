import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../support/chromium';
import { serveTestPages, type TestPages } from '../support/test-pages';

/** One headless Chromium and the far-end page bundle (SIP.js customers) for a whole test file. */
export interface BrowserBench {
  readonly browser: Browser;
  readonly pages: TestPages;
}

/** Starts both before the file's tests and closes them after (desk-bench, lab-desk-bench, first-start). */
export function useBrowserBench(): BrowserBench {
  let browser: Browser | undefined;
  let pages: TestPages | undefined;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browser bench not started (use inside a test or a hook)');
    return value;
  };
  beforeAll(async () => {
    pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });
  return {
    get browser() {
      return need(browser);
    },
    get pages() {
      return need(pages);
    },
  };
}
