import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../electron/lab';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver } from './phone-engine.harness';

/** After-call work pauses the agent in the lab's queue (queue-control MESSAGE), Ready unpauses; the queue's own after-call time applies. */
const DOMAIN = 'warmline.test';
const PASSWORD = 'warmline-test';
let lab: LabServer;
let pages: TestPages;
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let app: AppHost;
/** The queue-control commands the lab received from the agent, in order. */
const commands: string[] = [];

beforeAll(async () => {
  lab = await startLabServer({
    port: 0,
    log: (entry: Record<string, unknown>) => {
      if (entry.event === 'agent-control' && entry.user === 'agentq1') commands.push(String(entry.command));
    },
    config: {
      domain: DOMAIN,
      // The app and the far-end pages are served from loopback on ports picked at run time.
      allowedOrigins: ['http://127.0.0.1:*'],
      accounts: ['agentq1', ...Array.from({ length: 5 }, (_, i) => `customer${i + 1}`)].map((user) => ({
        user,
        password: PASSWORD,
      })),
      queues: [{ name: 'support', members: ['agentq1'], ringTimeoutSeconds: 20, maxWaitSeconds: 60 }],
    },
  });
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium();
  dir = makeTempDir();
  app = await startAppHost(dir.path);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await pages?.close();
  await lab?.close();
  dir?.remove();
});

async function memberState(): Promise<string | undefined> {
  const status = (await fetch(`${lab.url.replace('ws:', 'http:')}/status`).then((r) => r.json())) as {
    queues: { name: string; members: { user: string; state: string }[] }[];
  };
  return status.queues.find((q) => q.name === 'support')?.members.find((m) => m.user === 'agentq1')?.state;
}

async function signedInAgent() {
  const agent = await browser.newPage();
  await agent.goto(app.url);
  await eventually(
    () => agent.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );
  return agent;
}

/** A customer calls the support queue, the agent answers, the customer hangs up: wrap-up, paused. */
async function queueCallEnds(agent: Page): Promise<void> {
  const customer = await FarEndDriver.open(browser, pages, { wsUrl: lab.url, domain: DOMAIN, password: PASSWORD }, 'customer');
  await customer.call(`sip:support@${DOMAIN}`);
  await agent.getByRole('button', { name: 'Answer' }).click();
  await eventually(
    () => customer.state(),
    (s) => s.session === 'Established',
    'connected',
  );
  await customer.hangup();
  await eventually(
    () => agent.getByTestId('agent-state').textContent(),
    (t) => t === 'Status: After-call work',
    'wrap-up',
  );
  await eventually(memberState, (s) => s === 'paused', 'paused in the queue during wrap-up');
}

describe('queue pause during after-call work (lab server)', () => {
  it('a call ends, the lab shows the agent paused until Ready, then available again', async () => {
    await app.services.handlers.saveSettings({
      serverUrl: lab.url,
      sipUri: `sip:agentq1@${DOMAIN}`,
      password: PASSWORD,
      queuePause: 'message',
      // The support queue's own after-call time ("until ready") wins over the default.
      wrapUpSeconds: 20,
      queueWrapUps: [{ queue: 'Support', seconds: 0 }],
    });
    const agent = await signedInAgent();
    await eventually(memberState, (s) => s === 'available', 'available in the queue');
    await queueCallEnds(agent);
    expect(await agent.getByTestId('wrap-up-countdown').textContent()).toMatch(/^Until you are ready/);
    await agent.getByRole('button', { name: 'Ready' }).click();
    await eventually(memberState, (s) => s === 'available', 'available in the queue again');
    expect(await agent.getByTestId('agent-state').textContent()).toBe('Status: Available');
    await agent.close();
  });

  it('the app restarts mid-wrap-up: the agent stays paused, and Ready unpauses exactly once', async () => {
    let agent = await signedInAgent();
    await eventually(memberState, (s) => s === 'available', 'available in the queue');
    await queueCallEnds(agent);
    await agent.getByRole('form', { name: 'After-call work' }).getByLabel('Notes').fill('restart in the middle');
    await agent.waitForTimeout(300);

    // The app goes away mid-wrap-up and comes back on the same data (the password is in memory only).
    await agent.close();
    await app.close();
    app = await startAppHost(dir.path);
    await app.services.handlers.saveSettings({ password: PASSWORD });
    commands.splice(0);
    agent = await signedInAgent();
    await agent.getByRole('form', { name: 'Unfinished wrap-up' }).waitFor();
    expect(await memberState()).toBe('paused');
    await agent.getByRole('button', { name: 'Ready' }).click();
    // Failed once in CI at load ~25 (the lab still said paused after 20 s): say what the lab was
    // told and what the page shows, so a next failure explains itself.
    await eventually(memberState, (s) => s === 'available', 'available in the queue again').catch(async (error: unknown) => {
      const shown = await agent
        .locator('[role=alert], [role=status], [data-testid=agent-state], [data-testid=registration]')
        .allTextContents();
      throw new Error(`${String(error)}; lab received ${JSON.stringify(commands)}; page shows ${JSON.stringify(shown)}`);
    });
    await agent.waitForTimeout(1_000);
    // Told once at sign-in that the agent is (still) paused, and once that wrap-up is over.
    expect(commands).toEqual(['pause', 'unpause']);
    await agent.close();
  });
});
