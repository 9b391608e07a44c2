import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SIP_SERVERS } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { answeredCall, signInAgent } from './desk-actions';

/**
 * The microphone meter of the talking call, kept while its cost in a call is worked on (issue 19):
 * it moves while the microphone picks something up (Chromium's fake microphone beeps), shows 0
 * while the agent is muted, and moves again after Unmute. Every value the page writes to the meter
 * is recorded, so a single reading out of place shows.
 */
declare global {
  interface Window {
    __meterValues?: number[];
  }
}

const [, startKamailio] = SIP_SERVERS[0];
const bench = useDeskBench();

/** Records every value written to the meter from now on (read them with `written`). */
async function recordMeter(page: Page): Promise<void> {
  await page.locator('.mic-level').waitFor();
  await page.evaluate(() => {
    const meter = document.querySelector('.mic-level')!;
    window.__meterValues = [];
    new MutationObserver(() => window.__meterValues!.push(Number(meter.getAttribute('aria-valuenow')))).observe(meter, {
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
}

const written = (page: Page) => page.evaluate(() => [...(window.__meterValues ?? [])]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The values the meter shows over `ms` from now. */
async function valuesOver(page: Page, ms: number): Promise<number[]> {
  const from = (await written(page)).length;
  await sleep(ms);
  return (await written(page)).slice(from);
}

describe('the microphone meter', () => {
  it('moves with the microphone, shows 0 while muted and moves again after Unmute', async () => {
    const server = await startKamailio();
    try {
      const { page, user } = await signInAgent(bench, server);
      await answeredCall(bench, server, page, user);
      await recordMeter(page);
      const meter = page.getByRole('meter', { name: 'Your microphone level' });

      const talking = await valuesOver(page, 3_000);
      expect(Math.max(0, ...talking), `values while talking: ${talking.join(' ')}`).toBeGreaterThanOrEqual(10);

      await page.getByRole('button', { name: 'Mute', exact: true }).click();
      await page.getByRole('button', { name: 'Unmute' }).waitFor();
      // Zero at once, and nothing else while muted.
      await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe('0');
      const muted = await valuesOver(page, 2_000);
      expect(
        muted.every((v) => v === 0),
        `values while muted: ${muted.join(' ')}`,
      ).toBe(true);
      expect(await meter.getAttribute('aria-valuenow')).toBe('0');

      await page.getByRole('button', { name: 'Unmute' }).click();
      await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
      const again = await valuesOver(page, 3_000);
      expect(Math.max(0, ...again), `values after Unmute: ${again.join(' ')}`).toBeGreaterThanOrEqual(10);
    } finally {
      await server.stop();
    }
  });
});
