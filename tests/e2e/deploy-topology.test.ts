import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appHearsTone } from '../support/app-audio';
import { startAppHost, type AppHost } from '../support/app-host';
import { startBaresip, toneWav, type Baresip } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import { startDeployKamailio, type DeployKamailio } from '../support/deploy-kamailio';
import type { Kamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { findTone, readWav } from './phone-pstn.wav';
import { eventually, FarEndDriver } from './phone-engine.harness';

/**
 * The production topology of deploy/, run from the very file a team copies: Kamailio with
 * deploy/kamailio/kamailio.cfg over WSS (a certificate from a throw-away CA that Chromium is told
 * to trust), passwords and a group address from its database, rtpengine bridging a plain-RTP
 * customer (baresip over UDP) to Warmline's WebRTC. The agent is the real app (browser mode).
 */
const HOST = 'sip.warmline.test';
const DOMAIN = 'warmline.test';
const PASSWORD = 'deploy-pass-1';
const AGENT_HZ = 660;
const CUSTOMER_HZ = 1250;
const SENIOR_HZ = 880;
const USERS = ['agent1', 'customer1', 'senior1', 'senior2'].map((user) => ({ user, password: PASSWORD }));

let kamailio: DeployKamailio;
let browser: Browser;
let pages: TestPages;
let dir: ReturnType<typeof makeTempDir>;
let app: AppHost;
const opened: Page[] = [];
const customers: Baresip[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  kamailio = await startDeployKamailio({
    domain: DOMAIN,
    host: HOST,
    users: USERS,
    groups: { senior: ['senior1', 'senior2'] },
  });
  dir = makeTempDir();
  const agentVoice = join(dir.path, 'agent.wav');
  writeFileSync(agentVoice, toneWav(AGENT_HZ, 60, 48_000));
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium([
    `--use-file-for-fake-audio-capture=${agentVoice}`,
    `--ignore-certificate-errors-spki-list=${kamailio.caSpki}`,
    `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
  ]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await kamailio?.stop();
  dir?.remove();
});
beforeEach(async () => {
  app = await startAppHost(makeTempDir().path);
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') console.error(kamailio.log().slice(-8_000));
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await Promise.all(customers.splice(0).map((c) => c.stop()));
  await app.close();
  expect(pageErrors.splice(0)).toEqual([]);
});

async function openAgent(password = PASSWORD, host = app, user = 'agent1', teamMembers: string[] = []): Promise<Page> {
  await host.services.handlers.saveSettings({
    serverUrl: kamailio.wssUrl,
    sipUri: `sip:${user}@${DOMAIN}`,
    password,
    displayName: user,
    teamMembers,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  opened.push(page);
  page.on('pageerror', (e) => pageErrors.push(`${user}: ${e.message}`));
  await page.goto(host.url);
  return page;
}

const registration = (page: Page) => page.getByTestId('registration').textContent();

/** A SIP.js colleague over WSS in the same browser (so it trusts the test CA too). */
async function colleague(user: string, autoAnswer: boolean): Promise<FarEndDriver> {
  const server = { wsUrl: kamailio.wssUrl, domain: DOMAIN, password: PASSWORD } as unknown as Kamailio;
  const far = await FarEndDriver.open(browser, pages, server, 'unused', {
    uri: `sip:${user}@${DOMAIN}`,
    toneHz: SENIOR_HZ,
    autoAnswer,
  });
  opened.push(far.page);
  await eventually(
    () => far.state(),
    (s) => s.registered,
    `${user} registered over WSS`,
  );
  return far;
}

describe('the deploy/ topology: Kamailio over WSS with a real certificate, rtpengine, a plain-RTP customer', () => {
  it('the agent signs in over WSS with the password from the database; a wrong password is refused', async () => {
    const wrong = await openAgent('not-the-password');
    await eventually(
      () => registration(wrong),
      (t) => /password|refused|403|401/i.test(t ?? ''),
      'wrong password refused',
    );
    await wrong.close();
    const page = await openAgent();
    await eventually(
      () => registration(page),
      (t) => t === 'Signed in',
      'signed in over WSS',
    );
  });

  it('a customer on the telephone network (baresip, RTP/AVP over UDP) calls the agent, and both hear each other through rtpengine', async () => {
    const page = await openAgent();
    await eventually(
      () => registration(page),
      (t) => t === 'Signed in',
      'signed in',
    );
    const customer = await startBaresip({
      user: 'customer1',
      server: { udpPort: kamailio.udpPort, domain: DOMAIN, password: PASSWORD },
      toneHz: CUSTOMER_HZ,
      codecs: ['pcmu'],
    });
    customers.push(customer);
    await customer.dial(`sip:agent1@${DOMAIN}`);
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(() => appHearsTone(page, CUSTOMER_HZ), Boolean, 'the agent hears the customer');
    await eventually(
      async () => {
        const wav = customer.heardWav();
        return wav ? findTone(readWav(wav), AGENT_HZ, 2) : { blocks: 0, toneBlocks: 0, peakDb: -200 };
      },
      (r) => r.blocks >= 10 && r.toneBlocks >= r.blocks * 0.8,
      'the customer hears the agent',
    );
    expect(kamailio.log()).not.toMatch(/rtpengine_manage failed/);
    await page.getByRole('button', { name: 'Hang up' }).click();
  });

  it('a group address rings every signed-in senior at once; one answers and the other stops ringing', async () => {
    const page = await openAgent();
    await eventually(
      () => registration(page),
      (t) => t === 'Signed in',
      'signed in',
    );
    const ringing = await colleague('senior1', false);
    const answering = await colleague('senior2', true);
    await page.getByLabel('Number or address').fill(`sip:senior@${DOMAIN}`);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await eventually(
      () => answering.state(),
      (s) => s.session === 'Established',
      'senior2 answered',
    );
    await eventually(() => appHearsTone(page, SENIOR_HZ), Boolean, 'the agent hears the senior who answered');
    await eventually(
      () => ringing.state(),
      (s) => s.session === 'none' || s.session === 'Terminated',
      'senior1 stops ringing',
    );
    await page.getByRole('button', { name: 'Hang up' }).click();
  });

  it('the team’s presence through its presence modules: a colleague’s break, PUBLISHed over WSS, shows on the agent’s team list', async () => {
    const seniorDir = makeTempDir();
    const seniorApp = await startAppHost(seniorDir.path);
    try {
      const agent = await openAgent(PASSWORD, app, 'agent1', ['senior1']);
      const senior = await openAgent(PASSWORD, seniorApp, 'senior1', ['agent1']);
      for (const [page, user] of [
        [agent, 'agent1'],
        [senior, 'senior1'],
      ] as const) {
        await eventually(
          () => registration(page),
          (t) => t === 'Signed in',
          `${user} signed in`,
        );
      }
      const stateOf = (page: Page, user: string) =>
        page
          .locator(`[data-testid="team-list"] [data-user="${user}"]`)
          .getAttribute('data-state', { timeout: 1_000 })
          .catch(() => null);
      await eventually(
        () => stateOf(agent, 'senior1'),
        (s) => s === 'available',
        'the agent sees the senior available',
      );
      await senior.getByLabel('Take a break…').selectOption('lunch');
      await eventually(
        () => stateOf(agent, 'senior1'),
        (s) => s === 'break',
        'the agent sees the senior on a break',
      );
      expect(await agent.locator('[data-user="senior1"] .colleague-state').textContent()).toMatch(/^Break · Lunch/);
      await eventually(
        () => stateOf(senior, 'agent1'),
        (s) => s === 'available',
        'the senior sees the agent available',
      );
      expect(kamailio.log()).not.toMatch(/Only Your Own Presence/);
    } finally {
      await seniorApp.close();
      seniorDir.remove();
    }
  });

  it('refuses a WebSocket from a page on another origin and accepts the one of the app', async () => {
    const status = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`wss://127.0.0.1:${kamailio.wssPort}`, 'sip', {
          origin,
          // The certificate names sip.warmline.test, not 127.0.0.1; TLS is not what this checks.
          rejectUnauthorized: false,
        });
        ws.on('open', () => (ws.close(), resolve(101)));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    expect(await status('https://evil.example')).toBe(403);
    expect(await status(new URL(app.url).origin)).toBe(101);
  });
});
