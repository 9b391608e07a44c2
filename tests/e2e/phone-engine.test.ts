import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallId } from '../../renderer/src/phone';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { serveTestPages, type TestPages } from '../support/test-pages';
import {
  AGENT_TONE_HZ,
  CUSTOMER_TONE_HZ,
  EngineDriver,
  FarEndDriver,
  eventually,
  rising,
  stalled,
} from './phone-engine.harness';

// The phone engine (JsSIP, wrapped) in real Chromium, against Debian's Kamailio, with SIP.js
// far ends in other pages. Audio is proven by bytes on the wire and by a tone heard.
let kamailio: Kamailio;
let pages: TestPages;
let browser: Browser;
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

async function agent(overrides: Parameters<typeof EngineDriver.open>[3] = {}): Promise<EngineDriver> {
  const engine = await EngineDriver.open(browser, pages, kamailio, overrides);
  opened.push(engine.page);
  return engine;
}

async function customer(options: Parameters<typeof FarEndDriver.open>[4] = {}): Promise<FarEndDriver> {
  const far = await FarEndDriver.open(browser, pages, kamailio, 'customer', { displayName: 'Ada Customer', ...options });
  opened.push(far.page);
  return far;
}

/** An Available agent with an answered call from a customer, audio flowing both ways. */
async function connectedCall(): Promise<{ engine: EngineDriver; far: FarEndDriver; callId: CallId }> {
  const engine = await agent();
  await engine.waitRegistered();
  await engine.setAvailable(true);
  const far = await customer();
  await far.call(engine.aor);
  const incoming = await engine.waitFor('incoming');
  expect(await engine.answer(incoming.call.callId)).toBeUndefined();
  await engine.waitFor('answered', (e) => e.callId === incoming.call.callId);
  await eventually(() => far.state(), (s) => s.session === 'Established', 'far end established');
  return { engine, far, callId: incoming.call.callId };
}

describe('phone engine against Kamailio, SIP.js at the far end', () => {
  it('agent registers, a customer calls from a queue, the agent answers and both hear each other', async () => {
    const engine = await agent();
    await engine.waitRegistered(false);
    await engine.setAvailable(true);
    const far = await customer();
    await far.call(engine.aor, ['X-Warmline-Queue: Billing', 'X-Warmline-Queue-Wait: 42']);

    const incoming = await engine.waitFor('incoming');
    expect(incoming.call.direction).toBe('inbound');
    expect(incoming.call.remote.name).toBe('Ada Customer');
    expect(incoming.call.remote.number).toBe(far.user);
    expect(incoming.call.queue).toEqual({ name: 'Billing', waitSeconds: 42 });
    expect(incoming.waiting).toBe(false);

    expect(await engine.answer(incoming.call.callId)).toBeUndefined();
    const callId = incoming.call.callId;
    await engine.waitFor('answered', (e) => e.callId === callId);
    await eventually(() => far.state(), (s) => s.finalStatus === 200 && s.session === 'Established', 'far end sees 200');

    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes');
    await rising(() => far.inboundBytes(), 'customer inbound-rtp bytes');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer tone');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent tone');
    expect(await engine.errors()).toEqual([]);
  });
});
