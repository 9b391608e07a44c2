import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, expect } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { QueuePauseStrategy, SettingsPatch } from '../../shared/settings';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import { DEFAULT_LAB_CONFIG_PATH, loadLabConfig, startLabServer, type LabConfig } from '../../electron/lab';
import { startAppHost, type AppHost } from '../support/app-host';
import { toneWav } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import { startKamailio } from '../support/kamailio';
import { TEST_PASSWORD } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

/**
 * The call center as call centers have it: the escalation targets are queue addresses with
 * several members. On the lab, its shipped config (the `senior` queue: 2001 and 2002, the ACD
 * offering one member at a time); on Kamailio, a group address that forks to every member.
 */
export const SENIOR_HZ = 880;
export const CUSTOMER_HZ = 1250;

export interface Account {
  readonly user: string;
  readonly password: string;
}

export interface QueueTopology {
  readonly name: string;
  readonly wsUrl: string;
  readonly domain: string;
  readonly agent: Account;
  readonly seniors: readonly [Account, Account];
  readonly customers: readonly [Account, Account];
  /** A second first-line agent, and a third member of the senior queue (the supervisor's stories). */
  readonly colleague: Account;
  readonly supervisor: Account;
  /** Where a customer calls to reach the colleague. */
  readonly colleagueDials: string;
  /** What the agent's settings say for the Senior and Technical targets. */
  readonly seniorQueue: string;
  readonly technicalQueue: string;
  /** Where a customer calls to reach the agent. */
  readonly customerDials: string;
  readonly queuePause: QueuePauseStrategy;
  /** Members rung at once (a forking server) or one at a time (an ACD). */
  readonly forks: boolean;
  stop(): Promise<void>;
}

/** The lab with the config it ships with, as `npm start` runs it (`edit`: a story's one change to it). */
export async function labShipped(edit: (config: LabConfig) => LabConfig = (c) => c): Promise<QueueTopology> {
  const config = edit(loadLabConfig(DEFAULT_LAB_CONFIG_PATH));
  // The pages of these stories are served on ports picked at run time (the lab refuses foreign origins).
  // WARMLINE_E2E_LAB_LOG=1 prints the lab's events (queue offers, declines, final answers) with times to stderr.
  const log = process.env.WARMLINE_E2E_LAB_LOG
    ? (e: Readonly<Record<string, unknown>>) => process.stderr.write(`lab ${new Date().toISOString()} ${JSON.stringify(e)}\n`)
    : () => {};
  const lab = await startLabServer({ port: 0, config, log, allowedOrigins: ['http://127.0.0.1:*'] });
  const account = (user: string): Account => {
    const found = config.accounts.find((a) => a.user === user);
    if (!found) throw new Error(`the shipped lab config has no account ${user}`);
    return { user, password: found.password };
  };
  const seniors = config.queues.find((q) => q.name === 'senior')?.members ?? [];
  if (seniors.length < 2) throw new Error('the shipped senior queue needs two members for these stories');
  return {
    name: 'the lab (shipped config)',
    wsUrl: lab.url,
    domain: config.domain,
    agent: account('1001'),
    seniors: [account(seniors[0]!), account(seniors[1]!)],
    customers: [account('9001'), account('9002')],
    colleague: account('1002'),
    supervisor: account('2002'),
    colleagueDials: `sip:support@${config.domain}`,
    seniorQueue: 'senior',
    technicalQueue: 'technical',
    customerDials: `sip:support@${config.domain}`,
    queuePause: 'message',
    forks: false,
    stop: () => lab.close(),
  };
}

/**
 * Kamailio with the group address `seniors` forking to seniors-1 … seniors-3 (tests/fixtures/kamailio);
 * `presence`: also the team's presence server (its presence modules).
 */
export async function kamailioGroup(options: { readonly presence?: boolean } = {}): Promise<QueueTopology> {
  const k = await startKamailio({ password: TEST_PASSWORD, domain: 'warmline.test', presence: options.presence === true });
  const account = (user: string): Account => ({ user, password: TEST_PASSWORD });
  const agent = newUser('agent');
  const colleague = newUser('agent');
  return {
    name: 'Kamailio (forking group)',
    wsUrl: k.wsUrl,
    domain: k.domain,
    agent: account(agent),
    seniors: [account('seniors-1'), account('seniors-2')],
    customers: [account(newUser('customer')), account(newUser('customer'))],
    colleague: account(colleague),
    supervisor: account('seniors-3'),
    colleagueDials: `sip:${colleague}@${k.domain}`,
    seniorQueue: 'seniors',
    technicalQueue: 'technicians',
    customerDials: `sip:${agent}@${k.domain}`,
    queuePause: 'reject',
    forks: true,
    stop: () => k.stop(),
  };
}

export const TOPOLOGIES = [
  ['the lab with its shipped config', labShipped],
  ['Kamailio with a forking group address', kamailioGroup],
] as const;

/** Browsers and pages shared by a file's stories: the agent is silent, the seniors speak 880 Hz. */
export interface QueueBench {
  readonly agentBrowser: Browser;
  readonly seniorBrowser: Browser;
  readonly pages: TestPages;
  readonly opened: Page[];
  readonly apps: AppHost[];
  readonly pageErrors: string[];
  dataDir(name: string): string;
  close(): Promise<void>;
}

export async function openQueueBench(): Promise<QueueBench> {
  const dir = makeTempDir();
  const silence = join(dir.path, 'silence.wav');
  const senior = join(dir.path, 'senior.wav');
  writeFileSync(silence, toneWav(0, 30, 48_000));
  writeFileSync(senior, toneWav(SENIOR_HZ, 30, 48_000));
  const pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  const agentBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${silence}`]);
  const seniorBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${senior}`]);
  return {
    agentBrowser,
    seniorBrowser,
    pages,
    opened: [],
    apps: [],
    pageErrors: [],
    dataDir: (name) => join(dir.path, newUser(name)),
    close: async () => {
      await agentBrowser.close();
      await seniorBrowser.close();
      await pages.close();
      dir.remove();
    },
  };
}

/** Ends one story: pages, app hosts. */
export async function closeStory(bench: QueueBench): Promise<void> {
  await Promise.all(bench.opened.splice(0).map((p) => p.close()));
  await Promise.all(bench.apps.splice(0).map((a) => a.close()));
}

/** A Warmline desk signed in as `account`, its escalation targets as the topology names them (`more`: other settings). */
export async function signedInDesk(
  bench: QueueBench,
  browser: Browser,
  topology: QueueTopology,
  account: Account,
  displayName: string,
  more: SettingsPatch = {},
): Promise<{ page: Page; app: AppHost }> {
  const app = await startAppHost(bench.dataDir(`desk-${account.user}`));
  bench.apps.push(app);
  await app.services.handlers.saveSettings({
    serverUrl: topology.wsUrl,
    sipUri: `sip:${account.user}@${topology.domain}`,
    password: account.password,
    displayName,
    teamKey: TEAM_KEY,
    seniorQueue: topology.seniorQueue,
    technicalQueue: topology.technicalQueue,
    queuePause: topology.queuePause,
    ...more,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  bench.opened.push(page);
  page.on('pageerror', (e) => bench.pageErrors.push(e.message));
  await page.goto(app.url);
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    `${account.user} signed in`,
  );
  return { page, app };
}

export async function customerLine(bench: QueueBench, topology: QueueTopology, index: 0 | 1): Promise<FarEndDriver> {
  const account = topology.customers[index];
  const customer = await FarEndDriver.open(
    bench.agentBrowser,
    bench.pages,
    { wsUrl: topology.wsUrl, domain: topology.domain, password: account.password },
    'customer',
    { uri: `sip:${account.user}@${topology.domain}`, displayName: 'Dana Customer', toneHz: CUSTOMER_HZ },
  );
  bench.opened.push(customer.page);
  return customer;
}

/** The customer calls, the agent answers and opens Escalate with the senior queue chosen and a summary. */
export async function customerOnTheLine(agent: Page, customer: FarEndDriver, topology: QueueTopology): Promise<void> {
  await customer.call(topology.customerDials);
  await agent.getByRole('button', { name: 'Answer' }).click();
  await eventually(
    () => customer.state(),
    (s) => s.session === 'Established',
    'customer connected',
  );
}

export async function fillEscalation(agent: Page): Promise<void> {
  await agent.getByRole('button', { name: 'Escalate' }).click();
  await agent.getByLabel('Why').selectOption('wants-higher-authority');
  await agent.getByLabel('Severity').selectOption('2');
  await agent.getByLabel('Summary in one line').fill('Refund of 240 EUR refused twice; wants a manager');
  await agent.getByLabel('What was already tried').fill('Checked both payments. Offered a credit: declined.');
  await agent.getByLabel('Note for the colleague').fill('Prefers email follow-up');
}

/** The member pages whose handoff card is showing (a ringing consult, or a call taken over). */
export async function withCard(members: readonly Page[]): Promise<Page[]> {
  const shown = await Promise.all(members.map((p) => p.getByTestId('handoff-card').isVisible()));
  return members.filter((_, i) => shown[i]);
}

/** Waits until the handoff card rings on at least one member (on a forking server: on every free one). */
export async function ringingMembers(members: readonly Page[], atLeast = 1): Promise<Page[]> {
  return eventually(
    () => withCard(members),
    (pages) => pages.length >= atLeast,
    `the handoff card on ${atLeast} member(s)`,
  );
}

/** Escalate reopens with what the agent wrote before (reason, severity, summary, notes). */
export async function draftKept(agent: Page): Promise<Record<string, string>> {
  await agent.getByRole('button', { name: 'Escalate' }).click();
  const read = (label: string) => agent.getByLabel(label, { exact: true }).inputValue();
  const kept = {
    reason: await read('Why'),
    severity: await read('Severity'),
    summary: await read('Summary in one line'),
    tried: await read('What was already tried'),
    note: await read('Note for the colleague'),
  };
  await agent.getByRole('button', { name: 'Close' }).click();
  return kept;
}

export const DRAFT_AS_WRITTEN = {
  reason: 'wants-higher-authority',
  severity: '2',
  summary: 'Refund of 240 EUR refused twice; wants a manager',
  tried: 'Checked both payments. Offered a credit: declined.',
  note: 'Prefers email follow-up',
};

export function agentState(page: Page): Promise<string | null> {
  return page.getByTestId('agent-state').textContent();
}

/** What each story in a queue topology starts with: the agent, the queue's members and a customer. */
export interface QueueStory {
  readonly bench: QueueBench;
  readonly topology: QueueTopology;
  readonly agent: Page;
  readonly seniors: Page[];
  readonly customer: FarEndDriver;
}

/**
 * Inside a `describe.each(TOPOLOGIES)`: before each story the topology starts, Ana signs in as the
 * agent and every senior of the queue signs in; after it the story is closed, the topology stopped
 * and no page may have thrown. The returned function gives the current story.
 */
export function useQueueStory(bench: () => QueueBench, start: () => Promise<QueueTopology>): () => QueueStory {
  let story: QueueStory | undefined;
  let topology: QueueTopology | undefined;
  beforeEach(async () => {
    topology = await start();
    const b = bench();
    const { page: agent } = await signedInDesk(b, b.agentBrowser, topology, topology.agent, 'Ana Agent');
    const seniors: Page[] = [];
    for (const [i, account] of topology.seniors.entries()) {
      seniors.push((await signedInDesk(b, b.seniorBrowser, topology, account, `Sam Senior ${i + 1}`)).page);
    }
    story = { bench: b, topology, agent, seniors, customer: await customerLine(b, topology, 0) };
  });
  afterEach(async () => {
    await closeStory(bench());
    await topology?.stop();
    expect(bench().pageErrors.splice(0)).toEqual([]);
  });
  return () => {
    if (!story) throw new Error('no queue story: call useQueueStory inside a describe');
    return story;
  };
}
