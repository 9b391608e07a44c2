import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, REPO_ROOT } from '../support/app-host';
import { headsetLevel } from '../support/app-audio';
import { launchChromium } from '../support/chromium';
import { snap } from '../support/screenshots';
import { makeTempDir } from '../support/temp-dir';
import { agentState, fillEscalation } from './escalation-queue.harness';
import { eventually } from './phone-engine.harness';

/**
 * Issue 18's "done when": a newcomer goes from clone to a completed warm transfer with only the
 * README and the app's own screen. Exactly the README's story, with the real command line: the
 * built browser host (`npm start` runs out/host/web-host.js in browser mode) started twice, as
 * `npm start` and `npm start -- --agent 2001`, with nothing but a fresh home folder: the default
 * ports (5180 and 5183, lab 5090; the suite runs in a loopback-only network namespace), the
 * default data folders, one embedded lab. Chromium opens the two printed addresses. No setting is
 * changed anywhere: the agent's banner places the lab's simulated customer, the agent answers,
 * escalates to the senior queue (the default), the senior answers the consult with the handoff
 * card showing, the agent completes, the customer is then talking to the senior (each hears the
 * other), and the agent wraps up.
 */
const HOST = join(REPO_ROOT, 'out', 'host', 'web-host.js');
const home = makeTempDir();
const started: ChildProcess[] = [];
let browser: Browser;
const opened: Page[] = [];

interface Started {
  readonly url: string;
  readonly output: () => string;
}

/** `npm start [-- args]` in browser mode, as a user runs it; resolves once the last start-up line is printed. */
function npmStart(args: readonly string[]): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home.path };
  // Only what a newcomer has: none of the options' environment variables.
  for (const name of Object.keys(env)) if (name.startsWith('WARMLINE_')) delete env[name];
  const child = spawn(process.execPath, [HOST, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Open (http:\/\/\S+)/.exec(output)?.[1];
      if (url && /^Data: /m.test(output)) resolve({ url, output: () => output });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start ${args.join(' ')} exited (${code}):\n${output}`)));
  });
}

/** The lab's simulated customers' log (the first Warmline's data folder): one JSON object a line. */
function customerLog(dataDir: string): Array<Record<string, unknown>> {
  const file = join(dataDir, 'lab-customers.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function signedIn(page: Page, who: string): Promise<void> {
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    `${who} signed in to the lab`,
    30_000,
  );
}

beforeAll(() => {
  ensureRendererBuilt();
  // The host as `npm start` runs it: built JavaScript (esbuild, well under a second).
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'lib', 'build-host.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
});
afterAll(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await browser?.close();
  // The senior's Warmline first: the first one runs the lab it uses.
  for (const child of started.reverse()) {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.kill('SIGTERM');
    });
  }
  home.remove();
});

describe('the README story', () => {
  it('clone to a completed warm transfer: npm start, npm start -- --agent 2001, the banner’s customer, escalate, complete, wrap up', async () => {
    const first = await npmStart([]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:5180\/#token=/);
    expect(first.output()).toContain('Embedded lab call center on ws://127.0.0.1:5090');
    expect(first.output()).toContain('signed in as agent 1001');
    const senior = await npmStart(['--agent', '2001']);
    expect(senior.url).toMatch(/^http:\/\/127\.0\.0\.1:5183\/#token=/);
    expect(senior.output()).toContain('Lab call center of another Warmline (joined) on ws://127.0.0.1:5090');
    expect(senior.output()).toContain('signed in as agent 2001');
    const agentData = join(home.path, '.config', 'Warmline');
    expect(first.output()).toContain(`Data: ${agentData}`);
    expect(senior.output()).toContain(`Data: ${agentData}-2001`);

    browser = await launchChromium();
    const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seniorPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    opened.push(agent, seniorPage);
    await agent.goto(first.url);
    await seniorPage.goto(senior.url);
    const banner = agent.getByRole('region', { name: 'Lab call center' });
    await banner.getByText('Lab call center: you are agent 1001, queues: support.').waitFor();
    await signedIn(agent, 'agent 1001');
    await signedIn(seniorPage, 'senior 2001');
    // The banner's second offer is the command this test ran for the senior.
    await banner.getByText("Start the senior's Warmline").click();
    expect(await banner.locator('code').textContent()).toBe('npm start -- --agent 2001');

    await banner.getByRole('button', { name: 'Have a customer call me' }).click();
    const placed = await eventually(
      () => banner.getByRole('status').textContent(),
      (t) => (t ?? '').includes('is calling the support queue'),
      'the lab customer’s call placed',
    );
    const caller = (placed ?? '').split(' is calling')[0] ?? '';
    const ringing = agent.getByRole('alertdialog', { name: 'Incoming call' });
    await ringing.waitFor({ timeout: 30_000 });
    await ringing.getByText(caller).first().waitFor();
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => headsetLevel(agent),
      (level) => level > 0.01,
      'the customer’s complaint heard at the agent',
      30_000,
    );

    // Escalate with the default settings: the Senior target is the lab's real `senior` queue.
    await fillEscalation(agent);
    expect(await agent.getByLabel('To', { exact: true }).inputValue()).toBe('senior');
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    const card = seniorPage.getByTestId('handoff-card');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('Refund of 240 EUR refused twice');
    // README says the context travels sealed with the team key: the lab gives its agents one, so the
    // card a fresh install shows is verified, not "Not signed".
    await card.getByText('Signed by your team').waitFor({ timeout: 10_000 });
    await seniorPage.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor({ timeout: 30_000 });
    await snap(seniorPage, 'readme-story-senior-consult');
    await agent.getByRole('button', { name: 'Complete transfer' }).click();

    // The agent is out of both calls and in wrap-up; the senior has the customer, card kept.
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'the agent in wrap-up',
      30_000,
    );
    expect(await agent.getByTestId('consult-bar').count()).toBe(0);
    await seniorPage.getByRole('region', { name: 'Current call' }).getByText(caller).first().waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('Refund of 240 EUR refused twice');
    // The agent has no call any more, so what the senior hears is the customer's complaint.
    await eventually(
      () => headsetLevel(seniorPage),
      (level) => level > 0.01,
      'the customer heard at the senior',
      30_000,
    );
    const transferred = await eventually(
      () => Promise.resolve(customerLog(agentData).find((e) => e['phase'] === 'transferred')),
      (e) => e !== undefined,
      'the customer following the transfer',
    );
    expect(transferred).toMatchObject({ caller });
    // A second of the senior's audio reached the customer in the new call (RTP from the senior's Chromium).
    await eventually(
      () =>
        Promise.resolve(customerLog(agentData).find((e) => e['phase'] === 'hearing' && e['callId'] === transferred?.['callId'])),
      (e) => e !== undefined,
      'the senior heard at the customer',
      30_000,
    );
    await snap(seniorPage, 'readme-story-senior-after-transfer');

    // The agent wraps up: the notes start with where the call went.
    const form = agent.getByRole('form', { name: 'After-call work' });
    expect(await form.getByLabel('Notes').inputValue()).toMatch(/^Escalat.*Senior queue/);
    await snap(agent, 'readme-story-wrap-up');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: Available',
      'the agent available again',
    );

    // The senior ends the call.
    await seniorPage.getByRole('region', { name: 'Current call' }).getByRole('button', { name: 'Hang up' }).click();
    const ended = await eventually(
      () => Promise.resolve(customerLog(agentData).find((e) => e['phase'] === 'ended')),
      (e) => e !== undefined,
      'the customer’s call ended',
    );
    expect(ended).toMatchObject({ kind: 'talked', endedBy: 'agent' });
    expect(ended?.['callId']).toBe(transferred?.['callId']);
    expect(Number(ended?.['heard'])).toBeGreaterThanOrEqual(50);
  });
});
