import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../electron/lab';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { snap } from '../support/screenshots';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver } from './phone-engine.harness';
import type { Browser } from 'playwright-core';
import type { Kamailio } from '../support/kamailio';

/**
 * The agent's home (issue 15) on the lab: two Warmline pages, an agent and a senior, see each
 * other's states through presence (PUBLISH/SUBSCRIBE), and the queue board shows a customer
 * waiting in the senior queue.
 */
const PASSWORD = 'team-test';
const DOMAIN = 'warmline.test';
const users = ['agent1', 'agent2', 'senior1', 'senior2', 'customer1'];

let lab: LabServer;
let browser: Browser;
let pages: TestPages;
const hosts: AppHost[] = [];
const dirs: ReturnType<typeof makeTempDir>[] = [];

beforeAll(async () => {
  lab = await startLabServer({
    port: 0,
    log: () => {},
    config: {
      domain: DOMAIN,
      allowedOrigins: ['http://127.0.0.1:*'],
      accounts: users.map((user) => ({ user, password: PASSWORD })),
      queues: [
        { name: 'support', members: ['agent1', 'agent2'], ringTimeoutSeconds: 10, maxWaitSeconds: 60 },
        { name: 'senior', members: ['senior1', 'senior2'], ringTimeoutSeconds: 10, maxWaitSeconds: 60 },
      ],
    },
  });
  browser = await launchChromium();
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await Promise.all(hosts.map((h) => h.close()));
  dirs.forEach((d) => d.remove());
  await lab?.close();
});

async function desk(user: string): Promise<Page> {
  const dir = makeTempDir();
  dirs.push(dir);
  const host = await startAppHost(dir.path);
  hosts.push(host);
  await host.services.handlers.saveSettings({
    serverUrl: lab.url,
    sipUri: `sip:${user}@${DOMAIN}`,
    password: PASSWORD,
    displayName: user,
    queuePause: 'message',
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
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

describe('the team board on the lab (presence over PUBLISH/SUBSCRIBE, the queue board)', () => {
  it('an agent sees a senior go on a break, come back, take a call; a customer waiting in the senior queue shows on the board', async () => {
    const agent = await desk('agent1');
    const senior = await desk('senior1');
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'available',
      'the senior shows as available',
    );
    expect(await stateOf(agent, 'senior2')).toBe('offline');
    // Escalation targets first.
    const order = await agent
      .locator('[data-testid="team-list"] [data-user]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-user')));
    expect(order.slice(0, 2)).toEqual(['senior1', 'senior2']);

    await senior.getByLabel('Take a break…').selectOption('lunch');
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'break',
      'the senior shows on a break',
    );
    expect(await agent.locator('[data-user="senior1"] .colleague-state').textContent()).toMatch(/Break · Lunch/);

    const customer = await FarEndDriver.open(
      browser,
      pages,
      { wsUrl: lab.url, domain: DOMAIN, password: PASSWORD } as unknown as Kamailio,
      'x',
      {
        uri: `sip:customer1@${DOMAIN}`,
        toneHz: 1250,
      },
    );
    await customer.call(`sip:senior@${DOMAIN}`);
    await eventually(
      () => agent.getByTestId('waiting-senior').textContent(),
      (t) => t === '1',
      'a customer waiting in the senior queue',
    );
    expect(await agent.getByTestId('free-senior').textContent()).toBe('Nobody free');
    await snap(agent, 'home-team-board');

    await senior.getByRole('button', { name: 'Available' }).click();
    await senior.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await senior.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'on-call',
      'the senior shows on a call',
    );
    // Beside the call, the senior keeps the queues and the team in view.
    await senior.getByRole('region', { name: 'Team and queues' }).getByTestId('queue-board').waitFor();
    await snap(senior, 'call-with-team-board');
    await eventually(
      () => agent.getByTestId('waiting-senior').textContent(),
      (t) => t === '0',
      'nobody waiting any more',
    );
    await customer.hangup();
    await eventually(
      () => stateOf(agent, 'senior1'),
      (s) => s === 'wrap-up',
      'the senior shows in wrap-up',
    );
    await customer.page.close();
  });
});
