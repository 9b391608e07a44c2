import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../electron/lab';
import type { Callback } from '../../shared/history';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import type { Kamailio } from '../support/kamailio';
import { snap } from '../support/screenshots';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver } from './phone-engine.harness';

/**
 * Callbacks due on the agent's home (issue 15), on the lab: a callback promised in wrap-up is
 * listed with its time, customer and notes; when it comes due (the page's clock moved past it, as
 * after a laptop's sleep) the home reminds in the app and by a Web Notification; Snooze is kept in
 * SQLite and reminds again ten minutes later; Call now dials the customer; Done removes it.
 */
const PASSWORD = 'callbacks-due';
const DOMAIN = 'warmline.test';
const NOTES = 'Promised to check the refund with billing';

let lab: LabServer;
let browser: Browser;
let pages: TestPages;
let host: AppHost;
const dir = makeTempDir();
const pageErrors: string[] = [];

beforeAll(async () => {
  lab = await startLabServer({
    port: 0,
    log: () => {},
    config: {
      domain: DOMAIN,
      allowedOrigins: ['http://127.0.0.1:*'],
      accounts: ['agent1', '9001'].map((user) => ({ user, password: PASSWORD })),
      queues: [{ name: 'support', members: ['agent1'], ringTimeoutSeconds: 10, maxWaitSeconds: 60 }],
    },
  });
  browser = await launchChromium();
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  host = await startAppHost(dir.path);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await host?.close();
  dir.remove();
  await lab?.close();
});

/** The agent's page with a test clock (running in real time until moved) and notifications allowed; each one shown is recorded. */
async function agentPage(): Promise<Page> {
  await host.services.handlers.saveSettings({
    serverUrl: lab.url,
    sipUri: `sip:agent1@${DOMAIN}`,
    password: PASSWORD,
    displayName: 'Ana Agent',
    queuePause: 'message',
    wrapUpSeconds: 0,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, permissions: ['notifications', 'microphone'] });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.install({ time: Date.now() });
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    };
  });
  await page.goto(host.url);
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'agent signed in',
  );
  return page;
}

const notifications = (page: Page) =>
  page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications);
const reminder = (page: Page) =>
  page
    .getByTestId('callback-reminder')
    .textContent({ timeout: 500 })
    .catch(() => null);
const agentState = (page: Page) => page.getByTestId('agent-state').textContent();

describe('callbacks due on the agent’s home (lab)', () => {
  it('a callback promised in wrap-up comes due and reminds; Snooze is kept and reminds again; Call now dials; Done removes it', async () => {
    const agent = await agentPage();
    const customer = await FarEndDriver.open(
      browser,
      pages,
      { wsUrl: lab.url, domain: DOMAIN, password: PASSWORD } as unknown as Kamailio,
      'x',
      { uri: `sip:9001@${DOMAIN}`, displayName: 'Dana Customer', toneHz: 1250, autoAnswer: true },
    );
    await customer.call(`sip:agent1@${DOMAIN}`);
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'customer connected',
    );
    await customer.hangup();

    // Promised for the start of the minute after next, in the page's local time (the form takes minutes).
    const [dueAt, local] = await agent.evaluate(() => {
      const d = new Date(Date.now() + 120_000);
      d.setSeconds(0, 0);
      const pad = (n: number) => String(n).padStart(2, '0');
      return [
        d.getTime(),
        `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`,
      ] as const;
    });
    const form = agent.getByRole('form', { name: 'After-call work' });
    await form.getByLabel('Notes').fill(NOTES);
    await form.getByLabel('Call back at').fill(local);
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: Available',
      'available after Ready',
    );

    const item = agent.getByTestId('callbacks').locator('li.callback');
    await eventually(
      () => item.textContent({ timeout: 500 }).catch(() => null),
      (t) => t !== null && t.includes('Dana Customer · 9001') && t.includes(NOTES),
      'the callback listed with customer, number and notes',
    );
    expect(await reminder(agent)).toBeNull();
    expect(await notifications(agent)).toEqual([]);

    await agent.clock.setSystemTime(dueAt + 1_000);
    await eventually(
      () => reminder(agent),
      (t) => t === 'Callback due now: Dana Customer',
      'the in-app reminder',
    );
    expect(await notifications(agent)).toEqual([{ title: 'Warmline: callback due', body: `Dana Customer · ${NOTES}` }]);
    await snap(agent, 'home-callback-due');

    await item.getByRole('button', { name: 'Snooze 10 min' }).click();
    await eventually(
      () => reminder(agent),
      (t) => t === null,
      'the reminder gone after Snooze',
    );
    const [stored] = await host.services.handlers.listCallbacks();
    expect((stored as Callback).snoozedUntil).toBeGreaterThanOrEqual(dueAt + 1_000 + 10 * 60_000);
    expect(await item.locator('.callback-time').textContent()).toMatch(/^Snoozed until /);

    await agent.clock.setSystemTime((stored as Callback).snoozedUntil! + 1_000);
    await eventually(
      () => reminder(agent),
      (t) => t === 'Callback due now: Dana Customer',
      'reminded again after the snooze',
    );
    expect(await notifications(agent)).toHaveLength(2);

    await item.getByRole('button', { name: 'Call now' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'the customer called back and connected',
    );
    await agent.getByRole('button', { name: 'Hang up' }).click();
    await agent.getByRole('form', { name: 'After-call work' }).getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: Available',
      'available again',
    );

    await item.getByRole('button', { name: 'Done' }).click();
    await eventually(
      () => agent.getByTestId('callbacks').textContent(),
      (t) => t !== null && t.includes('No callbacks promised.'),
      'the callback gone from the home',
    );
    expect(await host.services.handlers.listCallbacks()).toEqual([]);
    await customer.page.close();
    expect(pageErrors).toEqual([]);
  });
});
