import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { SIP_SERVERS } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { answer, saveAgentSettings, signedIn } from './desk-actions';

/**
 * A view whose chunk does not arrive (browser mode: the host restarted while the agent was signed
 * in) shows "This part of Warmline could not be shown" with "Try again" in its own place; the rest of
 * the app, the status bar and the call in progress stay. Before, React unmounted the whole app.
 */
const [, startKamailio] = SIP_SERVERS[0];
const bench = useDeskBench();

describe('a part of the app whose code does not arrive', () => {
  it('stays in its own place with "Try again", which loads it once the host is back', async () => {
    const server = await startKamailio();
    try {
      const user = await saveAgentSettings(bench, server);
      const page = await bench.browser.newPage({ viewport: { width: 1280, height: 900 } });
      let hostDown = true;
      // The in-call chunk (the call's meter, assist sidebar, consult bar, wrap-up) fails while the host is down.
      await page.route(/\/assets\/in-call-[\w-]+\.js$/, (route: Route) =>
        hostDown ? route.abort('connectionrefused') : route.continue(),
      );
      await page.goto(bench.app.url);
      await signedIn(page);

      const caller = await bench.customer(server);
      await caller.call(`sip:${user}@${server.domain}`);
      await answer(page, caller);
      // The call and the status bar are still there; the parts that failed say so.
      await page.getByRole('button', { name: 'Hang up' }).waitFor();
      await expect.poll(() => page.getByTestId('registration').textContent()).toBe('Signed in');
      const failed = page.getByRole('alert').filter({ hasText: 'This part of Warmline could not be shown.' });
      await failed.first().waitFor();
      await snap(page, 'view-failed');
      expect(await page.getByRole('meter', { name: 'Your microphone level' }).count()).toBe(0);

      hostDown = false;
      while ((await failed.count()) > 0) await failed.first().getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('meter', { name: 'Your microphone level' }).waitFor();
      await page.getByRole('button', { name: 'Hang up' }).click();
      await page.getByRole('button', { name: 'Ready' }).waitFor();
    } finally {
      await server.stop();
    }
  });
});
