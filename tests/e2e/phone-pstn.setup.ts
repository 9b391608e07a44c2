import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBaresip, type Baresip, type BaresipOptions } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { CUSTOMER_TONE_HZ, EngineDriver, newUser } from './phone-engine.harness';

export interface PstnBench {
  readonly kamailio: Kamailio;
  /** An agent page running the engine (JsSIP over WebSocket, WebRTC media). */
  agent(): Promise<EngineDriver>;
  /** A baresip customer registered over UDP, saying a tone (CUSTOMER_TONE_HZ by default). */
  customer(options?: Partial<Omit<BaresipOptions, 'server' | 'user'>>): Promise<Baresip>;
  /** Kamailio's, rtpengine's and every customer's log, for a failing test. */
  logs(): string;
}

/**
 * The telephone-network bench for one test file: Debian's Kamailio with rtpengine bridging
 * plain RTP and WebRTC, the engine page in headless Chromium, baresip customers. Pages and
 * customers started by a test are stopped after it; on failure (or with PSTN_LOGS=1 in the
 * environment) Kamailio's, rtpengine's and baresip's logs are printed.
 */
export function usePstnBench(): PstnBench {
  let kamailio: Kamailio | undefined;
  let pages: TestPages | undefined;
  let browser: Browser | undefined;
  const opened: Page[] = [];
  const customers: Baresip[] = [];

  beforeAll(async () => {
    kamailio = await startKamailio({ rtpengine: true });
    pages = await serveTestPages({ engine: 'tests/e2e/phone-engine.page.ts' });
    browser = await launchChromium();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' || process.env.PSTN_LOGS) console.error(bench.logs());
    await Promise.all(opened.splice(0).map((page) => page.close()));
    await Promise.all(customers.splice(0).map((customer) => customer.stop()));
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
  const bench: PstnBench = {
    get kamailio() {
      return need(kamailio);
    },
    async agent() {
      const engine = await EngineDriver.open(need(browser), need(pages), need(kamailio));
      opened.push(engine.page);
      return engine;
    },
    async customer(options = {}) {
      const customer = await startBaresip({
        user: newUser('pstn'),
        server: need(kamailio),
        toneHz: CUSTOMER_TONE_HZ,
        ...options,
      });
      customers.push(customer);
      return customer;
    },
    logs() {
      const tail = (text: string): string => text.slice(-6_000);
      return [
        `--- kamailio ---\n${tail(kamailio?.log() ?? '')}`,
        `--- rtpengine ---\n${tail(kamailio?.rtpengine?.log() ?? '')}`,
        ...customers.map((c) => `--- baresip ${c.user} ---\n${tail(c.log())}`),
      ].join('\n');
    },
  };
  return bench;
}
