import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { snap } from '../support/screenshots';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver } from './phone-engine.harness';

/**
 * The team's presence through Kamailio's presence modules (issue 15), not the lab: two Warmline
 * pages PUBLISH their states as PIDF to Kamailio (presence + presence_xml) and SUBSCRIBE to each
 * other; the agent's team list (from the team-list setting: Kamailio has no queue board, and the
 * home says so) follows the colleague through Available, On a call, Wrap-up and Break.
 */
let kamailio: Kamailio;
let browser: Browser;
let pages: TestPages;
const hosts: AppHost[] = [];
const dirs: ReturnType<typeof makeTempDir>[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  kamailio = await startKamailio({ presence: true });
  browser = await launchChromium();
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await Promise.all(hosts.map((h) => h.close()));
  dirs.forEach((d) => d.remove());
  await kamailio?.stop();
});

async function desk(user: string, teamMembers: string[]): Promise<Page> {
  const dir = makeTempDir();
  dirs.push(dir);
  const host = await startAppHost(dir.path);
  hosts.push(host);
  await host.services.handlers.saveSettings({
    serverUrl: kamailio.wsUrl,
    sipUri: `sip:${user}@${kamailio.domain}`,
    password: kamailio.password,
    displayName: user,
    teamMembers,
    wrapUpSeconds: 0,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (e) => pageErrors.push(`${user}: ${e.message}`));
  await page.goto(host.url);
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    `${user} signed in`,
  );
  return page;
}

const stateOf = (page: Page, user: string) =>
  page
    .locator(`[data-testid="team-list"] [data-user="${user}"]`)
    .getAttribute('data-state', { timeout: 1_000 })
    .catch(() => null);

describe('team presence through Kamailio (presence, presence_xml)', () => {
  it('a colleague goes Available → On a call → Wrap-up → Break and the agent’s team list follows', async () => {
    const agent = await desk('agent1', ['senior1']);
    const senior = await desk('senior1', ['agent1']);
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'available',
      'the colleague shows as available',
    );
    expect(await agent.getByTestId('team-panel').textContent()).toContain(
      "This server gives no queue figures: colleagues' presence only.",
    );

    const customer = await FarEndDriver.open(browser, pages, kamailio, 'customer', { toneHz: 1250 });
    await customer.call(`sip:senior1@${kamailio.domain}`);
    await senior.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'on-call',
      'the colleague shows on a call',
    );
    await customer.hangup();
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'wrap-up',
      'the colleague shows in wrap-up',
    );
    await senior.getByRole('form', { name: 'After-call work' }).getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'available',
      'the colleague available again',
    );
    await senior.getByLabel('Take a break…').selectOption('lunch');
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'break',
      'the colleague shows on a break',
    );
    expect(await agent.locator('[data-user="senior1"] .colleague-state').textContent()).toMatch(/^Break · Lunch/);
    // And the other way round: the colleague sees the agent.
    expect(await stateOf(senior, 'agent1')).toBe('available');
    await snap(agent, 'home-team-kamailio');
    await customer.page.close();
    expect(pageErrors).toEqual([]);
  });
});
