import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallId } from '../../renderer/src/phone';
import { launchChromium } from '../support/chromium';
import type { SipTestServer } from '../support/sip-servers';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { EngineDriver, FarEndDriver, eventually } from './phone-engine.harness';

export interface NetBench {
  readonly server: SipTestServer;
  readonly pages: TestPages;
  readonly browser: Browser;
  agent(overrides?: Parameters<typeof EngineDriver.open>[3]): Promise<EngineDriver>;
  farEnd(role: string, options?: Parameters<typeof FarEndDriver.open>[4]): Promise<FarEndDriver>;
  /** An Available agent (with these settings) answered a customer's call; both are established. */
  connectedCall(
    overrides?: Parameters<typeof EngineDriver.open>[3],
  ): Promise<{ engine: EngineDriver; far: FarEndDriver; callId: CallId }>;
}

/**
 * The bench for the network stories: one SIP server (Kamailio or the lab), the engine and the
 * SIP.js far end served from 127.0.0.1, one headless Chromium. Pages are closed after each test.
 */
export function useNetBench(start: () => Promise<SipTestServer>): NetBench {
  let server: SipTestServer | undefined;
  let pages: TestPages | undefined;
  let browser: Browser | undefined;
  const opened: Page[] = [];
  beforeAll(async () => {
    server = await start();
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
    await server?.stop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('bench not started (use inside a test)');
    return value;
  };
  const bench: NetBench = {
    get server() {
      return need(server);
    },
    get pages() {
      return need(pages);
    },
    get browser() {
      return need(browser);
    },
    async agent(overrides = {}) {
      const engine = await EngineDriver.open(bench.browser, bench.pages, bench.server, overrides);
      opened.push(engine.page);
      return engine;
    },
    async farEnd(role, options = {}) {
      const far = await FarEndDriver.open(bench.browser, bench.pages, bench.server, role, options);
      opened.push(far.page);
      return far;
    },
    async connectedCall(overrides = {}) {
      const engine = await bench.agent(overrides);
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
