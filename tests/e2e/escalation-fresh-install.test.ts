import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../electron/services/host-api/host-services';
import { startEmbeddedLabIfNeeded, type EmbeddedLab } from '../../electron/web-host/embedded-lab';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { appHearsTone } from '../support/app-audio';
import { RENDERER_DIR, startAppHost } from '../support/app-host';
import { freeTcpPort } from '../support/ports';
import { makeTempDir } from '../support/temp-dir';
import {
  agentState,
  CUSTOMER_HZ,
  fillEscalation,
  openQueueBench,
  ringingMembers,
  SENIOR_HZ,
  type QueueBench,
} from './escalation-queue.harness';
import { eventually, FarEndDriver } from './phone-engine.harness';

/**
 * Issue 12's "done when": with nothing configured but what `npm start` gives (the embedded lab,
 * agent 1001 signed in, the Senior target the lab's `senior` queue), a warm transfer to the senior
 * queue completes. The two seniors, 2001 and 2002, sign in to the same lab from their own desks.
 */
let bench: QueueBench;
let dir: ReturnType<typeof makeTempDir>;
let services: HostServices;
let lab: EmbeddedLab | undefined;
let web: WebHost;

beforeAll(async () => {
  bench = await openQueueBench();
  dir = makeTempDir();
  services = createHostServices({ dataDir: dir.path, host: 'browser', version: 'e2e', log: { warn() {}, error: console.error } });
  lab = await startEmbeddedLabIfNeeded(services.handlers, { port: await freeTcpPort(), dataDir: dir.path });
  web = await startWebHost({ rendererDir: RENDERER_DIR, dispatch: services.dispatch, port: 0 });
  lab?.server?.allowOrigin(new URL(web.url).origin);
  lab?.server?.allowOrigin(new URL(bench.pages.url('far-end')).origin);
});
afterAll(async () => {
  await Promise.all(bench.opened.splice(0).map((p) => p.close()));
  await Promise.all(bench.apps.splice(0).map((a) => a.close()));
  await web?.close();
  await lab?.server?.close();
  services?.close();
  dir?.remove();
  await bench?.close();
});

describe('a fresh install', () => {
  it('escalates to the senior queue with the default settings and Complete connects the customer to the senior who answered', async () => {
    const server = lab?.server;
    if (!server) throw new Error('the embedded lab did not start');
    const domain = server.config.domain;
    expect((await services.handlers.getSettings()).seniorQueue).toBe('senior');

    const seniors: Page[] = [];
    for (const user of ['2001', '2002']) {
      const app = await startAppHost(bench.dataDir(`senior-${user}`));
      bench.apps.push(app);
      server.allowOrigin(new URL(app.url).origin);
      await app.services.handlers.saveSettings({
        serverUrl: server.url,
        sipUri: `sip:${user}@${domain}`,
        password: `lab-${user}`,
        queuePause: 'message',
      });
      const page = await bench.seniorBrowser.newPage({ viewport: { width: 1280, height: 900 } });
      bench.opened.push(page);
      await page.goto(app.url);
      await eventually(
        () => page.getByTestId('registration').textContent(),
        (t) => t === 'Signed in',
        `senior ${user} signed in`,
      );
      seniors.push(page);
    }

    const agent = await bench.agentBrowser.newPage({ viewport: { width: 1280, height: 900 } });
    bench.opened.push(agent);
    await agent.goto(web.url);
    await eventually(
      () => agent.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'the fresh install signed in to the lab',
    );

    const customer = await FarEndDriver.open(
      bench.agentBrowser,
      bench.pages,
      { wsUrl: server.url, domain, password: 'lab-9001' },
      'customer',
      { uri: `sip:9001@${domain}`, displayName: 'Customer line 9001', toneHz: CUSTOMER_HZ },
    );
    bench.opened.push(customer.page);
    await customer.call(`sip:support@${domain}`);
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'customer connected',
    );

    await fillEscalation(agent);
    expect(await agent.getByLabel('To', { exact: true }).inputValue()).toBe('senior');
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    const [member] = await ringingMembers(seniors);
    if (!member) throw new Error('no senior rang');
    await member.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await agent.getByRole('button', { name: 'Complete transfer' }).click();

    await eventually(
      () => customer.hearsTone(SENIOR_HZ),
      (h) => h,
      'customer hears the senior',
    );
    await eventually(
      () => appHearsTone(member, CUSTOMER_HZ),
      (h) => h,
      'senior hears the customer',
    );
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up',
    );
    expect(await agent.getByTestId('consult-bar').count()).toBe(0);
    expect((await customer.state()).referTo).not.toContain(`senior@${domain}`);
  });
});
