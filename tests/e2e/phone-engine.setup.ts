import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallId } from '../../renderer/src/phone';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { EngineDriver, FarEndDriver, eventually } from './phone-engine.harness';

export interface Bench {
  readonly kamailio: Kamailio;
  readonly pages: TestPages;
  readonly browser: Browser;
  /** An agent page running the engine, registering with the bench's Kamailio. */
  agent(overrides?: Parameters<typeof EngineDriver.open>[3]): Promise<EngineDriver>;
  /** A SIP.js far end registered as a new user with the given role. */
  farEnd(role: string, options?: Parameters<typeof FarEndDriver.open>[4]): Promise<FarEndDriver>;
  /** An Available agent with an answered call from a customer. */
  connectedCall(): Promise<{ engine: EngineDriver; far: FarEndDriver; callId: CallId }>;
}

/**
 * The end-to-end bench for one test file: Debian's Kamailio on loopback, the engine and the
 * SIP.js far end bundled and served from 127.0.0.1, one headless Chromium. Pages opened by a
 * test are closed after it.
 */
export function useBench(): Bench {
  let kamailio: Kamailio | undefined;
  let pages: TestPages | undefined;
  let browser: Browser | undefined;
  const opened: Page[] = [];

  beforeAll(async () => {
    kamailio = await startKamailio();
    pages = await serveTestPages({
      engine: 'tests/e2e/phone-engine.page.ts',
      'far-end': 'tests/support/far-end/sipjs-far-end.ts',
    });
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await kamailio?.stop();
  });

  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('bench not started (use inside a test)');
    return value;
  };
  const bench: Bench = {
    get kamailio() {
      return need(kamailio);
    },
    get pages() {
      return need(pages);
    },
    get browser() {
      return need(browser);
    },
    async agent(overrides = {}) {
      const engine = await EngineDriver.open(bench.browser, bench.pages, bench.kamailio, overrides);
      opened.push(engine.page);
      return engine;
    },
    async farEnd(role, options = {}) {
      const far = await FarEndDriver.open(bench.browser, bench.pages, bench.kamailio, role, options);
      opened.push(far.page);
      return far;
    },
    async connectedCall() {
      const engine = await bench.agent();
      await engine.waitRegistered();
      await engine.setAvailable(true);
      const far = await bench.farEnd('customer', { displayName: 'Ada Customer' });
      await far.call(engine.aor);
      const incoming = await engine.waitFor('incoming');
      expect(await engine.answer(incoming.call.callId)).toBeUndefined();
      await engine.waitFor('answered', (e) => e.callId === incoming.call.callId);
      await eventually(
        () => far.state(),
        (s) => s.session === 'Established',
        'far end established',
      );
      return { engine, far, callId: incoming.call.callId };
    },
  };
  return bench;
}
