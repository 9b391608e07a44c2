import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { serveTestPages, type TestPages } from '../support/test-pages';

/**
 * The ringer lets go of its ringtone when it stops (issue 19, renderer memory in a call): a media
 * element keeps its player (demuxer, decoded audio, an audio output stream) for as long as it has
 * a source, so a ringer that only paused held all of that through every call after the first
 * ring. It must still ring the next time, from the start of the tone.
 */
/** HTMLMediaElement's readyState and networkState values. */
const HAVE_METADATA = 1;
const NETWORK_EMPTY = 0;

let browser: Browser;
let pages: TestPages;

beforeAll(async () => {
  pages = await serveTestPages({ ringer: 'tests/e2e/ringer.page.ts' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

const audioState = (page: Page) =>
  page.evaluate(() => ({
    paused: window.ringerAudio.paused,
    hasSource: window.ringerAudio.hasAttribute('src'),
    networkState: window.ringerAudio.networkState,
    readyState: window.ringerAudio.readyState,
  }));

describe('the ringer', () => {
  it('holds no ringtone once stopped, and rings again after', async () => {
    const page = await browser.newPage();
    await page.goto(pages.url('ringer'));
    await page.waitForFunction(() => window.ringer !== undefined);

    expect(await page.evaluate(() => window.ringer.start())).toBe('playing');
    expect(await page.evaluate(() => window.ringer.ringing)).toBe(true);
    expect((await audioState(page)).readyState).toBeGreaterThanOrEqual(HAVE_METADATA);

    await page.evaluate(() => window.ringer.stop());
    expect(await page.evaluate(() => window.ringer.ringing)).toBe(false);
    // No source and no resource: the element's player is gone (NETWORK_EMPTY), not merely paused.
    expect(await audioState(page)).toMatchObject({ paused: true, hasSource: false, networkState: NETWORK_EMPTY });

    expect(await page.evaluate(() => window.ringer.start())).toBe('playing');
    expect(await page.evaluate(() => window.ringer.ringing)).toBe(true);
    const again = await audioState(page);
    expect(again.hasSource).toBe(true);
    expect(again.readyState).toBeGreaterThanOrEqual(HAVE_METADATA);
    await page.evaluate(() => window.ringer.stop());
    await page.close();
  });
});
