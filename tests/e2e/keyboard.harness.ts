import type { Page } from 'playwright-core';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import type { AppHost } from '../support/app-host';
import type { SipTestServer } from '../support/sip-servers';
import type { DeskBench } from './desk-bench';
import { eventually, newUser } from './phone-engine.harness';

/** The keyboard stories' shared steps: an agent signed in at 1280×720, keys pressed as accelerators. */
export async function signedInAgent(
  bench: DeskBench,
  server: SipTestServer,
  app: AppHost = bench.app,
  user = newUser('agent'),
  seniorUser = 'senior1',
): Promise<{ page: Page; user: string }> {
  await app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: 'Kim Keys',
    wrapUpSeconds: 60,
    teamKey: TEAM_KEY,
    seniorQueue: seniorUser,
  });
  let page: Page;
  if (app === bench.app) page = await bench.openApp({ width: 1280, height: 720 });
  else {
    page = await bench.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(app.url);
  }
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );
  return { page, user };
}

/** Playwright's spelling of an accelerator: Ctrl+Alt+P → Control+Alt+KeyP (the physical key, as on any layout). */
export const press = (page: Page, accelerator: string) =>
  page.keyboard.press(
    accelerator
      .replace(/^Ctrl\+/, 'Control+')
      .replace(/\+([A-Z])$/, '+Key$1')
      .replace(/\+(\d)$/, '+Digit$1'),
  );

/** What has focus, in words a failure message can use. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const where = el.closest('[aria-label], [aria-labelledby], form, dialog');
    const label = where?.getAttribute('aria-label') ?? where?.querySelector('h2')?.textContent ?? '';
    return `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" in "${label}"`;
  });

export const agentState = (page: Page) => page.getByTestId('agent-state').textContent();
