import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../electron/lab/server.js';
import { PASSWORDS, startTestLab } from '../integration/lab/helpers/lab.js';
import { DOMAIN } from '../integration/lab/helpers/raw-client.js';
import { launchChromium } from '../support/chromium';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually } from './phone-engine.harness';

/**
 * Issue 17, finding 5, as reported: a web page on another origin, in the agent's own browser, opened the lab's
 * WebSocket and registered as agent 1001 with the demo password. A page cannot forge its Origin, so this is the
 * attack exactly: the lab (its default allowed origins, the app's own) refuses the socket, and nobody is
 * registered. Allowing that origin lets the same page in, so the refusal is by origin and nothing else.
 */
let browser: Browser;
let pages: TestPages;
let lab: LabServer;
let page: Page;

beforeAll(async () => {
  lab = await startTestLab({ allowedOrigins: undefined }); // the shipped default: the app's own origins
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(pages.url('far-end'));
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await lab?.close();
});

/** What the page's own script can do: open the lab's socket; 'open' or 'refused'. */
function openSocket(url: string): Promise<string> {
  return page.evaluate(
    (u) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(u, 'sip');
        ws.onopen = () => (ws.close(), resolve('open'));
        ws.onerror = () => resolve('refused');
      }),
    url,
  );
}

describe('a page of another origin and the lab (finding 5)', () => {
  it('cannot open the lab’s socket or register as agent 1001 with the demo password; an allowed origin can', async () => {
    const origin = new URL(pages.url('far-end')).origin;
    expect(await openSocket(lab.url)).toBe('refused');
    // The full attack through a SIP stack in the page: REGISTER as 1001 never gets through.
    // (SIP.js keeps trying to connect; 10 s of that is plenty, and the check is the lab's own list.)
    const registered = await page.evaluate(
      (o) =>
        Promise.race([
          window.farEnd.register(o).then(
            () => 'registered',
            () => 'failed',
          ),
          new Promise<string>((resolve) => setTimeout(() => resolve('not registered'), 10_000)),
        ]),
      { wsUrl: lab.url, uri: `sip:1001@${DOMAIN}`, password: PASSWORDS['1001']!, displayName: 'evil page', toneHz: 440 },
    );
    expect(registered).not.toBe('registered');
    expect(lab.registrations().filter((r) => r.user === '1001')).toEqual([]);

    lab.allowOrigin(origin);
    expect(await openSocket(lab.url)).toBe('open');
    await eventually(
      () => Promise.resolve(lab.status()['connections']),
      (n) => n === 0,
      'the test socket closed',
    );
  });
});
