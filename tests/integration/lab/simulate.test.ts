// Simulated customers (`npm run lab -- --simulate`): real SIP/WebRTC callers (werift in Node) against the lab,
// heard by a SIP.js agent in Debian's Chromium.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { serveTestPages, type TestPages } from '../../support/test-pages';
import { startLabServer, type LabServer } from '../../../electron/lab/server.js';
import { DEFAULT_LAB_CONFIG_PATH, loadLabConfig } from '../../../electron/lab/index.js';
import { loadComplaints } from '../../../electron/lab/simulate/complaints.js';
import { Simulator, type SimulatedCall } from '../../../electron/lab/simulate/simulator.js';
import { DOMAIN } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab, until } from './helpers/lab.js';
import type { QueueAgentHearing } from './pages/queue-agent';

const complaints = loadComplaints();
const customer = { user: '9001', password: PASSWORDS['9001']! };

function simulate(
  lab: LabServer,
  options: { queue: string; lang: string; patienceSeconds: number; talkSeconds?: number },
): Promise<SimulatedCall> {
  const simulator = new Simulator({
    wsUrl: lab.url,
    domain: DOMAIN,
    customers: [customer],
    queues: [options.queue],
    languages: [options.lang],
    ratePerMinute: 60,
    patienceSeconds: options.patienceSeconds,
    talkSeconds: options.talkSeconds ?? 60,
    maxCalls: 1,
    complaints,
    random: () => 0.5, // patience and talk time exactly as given
    log: (e) => events.push(e),
  });
  stops.push(() => simulator.stop());
  const placed = new Promise<SimulatedCall>((resolve) => simulator.onCall(resolve));
  simulator.start();
  return placed;
}

const events: Array<Readonly<Record<string, unknown>>> = [];
const stops: Array<() => Promise<void>> = [];

describe('simulated customers', () => {
  let browser: Browser;
  let pages: TestPages;

  beforeAll(async () => {
    pages = await serveTestPages({ 'queue-agent': 'tests/integration/lab/pages/queue-agent.ts' });
    browser = await launchChromium();
  });

  /** A SIP.js queue agent in a fresh page, registered to `lab` as `user`. */
  async function signedInAgent(lab: LabServer, user: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(pages.url('queue-agent'));
    await page.evaluate(
      ([url, uri, password]) => window.queueAgent.register(url!, uri!, password!),
      [lab.url, `sip:${user}@${DOMAIN}`, PASSWORDS[user]!],
    );
    return page;
  }

  afterAll(async () => {
    for (const stop of stops) await stop();
    await browser?.close();
    await pages?.close();
  });

  it('a customer calls the support queue, the agent is offered the call with the queue header and hears the complaint', async () => {
    const lab = await startTestLab({}, (e) => events.push(e));
    let page: Page | undefined;
    try {
      page = await signedInAgent(lab, '1001');

      const { call, complaint } = await simulate(lab, { queue: 'support', lang: 'nl', patienceSeconds: 30 });
      expect(complaint.lang).toBe('nl');
      expect(complaint.queue).toBe('support');

      await page.waitForFunction(() => window.queueAgent.offer !== undefined, undefined, { timeout: 15_000 });
      const offer = await page.evaluate(() => window.queueAgent.offer!);
      expect(offer.queue).toBe('support');
      expect(offer.wait).toMatch(/^\d+$/);
      expect(offer.caller).toBe(complaint.caller);
      await page.waitForFunction(() => window.queueAgent.state() === 'Established', undefined, { timeout: 15_000 });

      // Inbound audio arrives and keeps arriving, and it is speech, not the silence frames.
      const hearing = (): Promise<QueueAgentHearing> => page!.evaluate(() => window.queueAgent.hearing());
      let first: QueueAgentHearing = { bytes: 0, packets: 0, peakRms: 0 };
      await until(async () => (first = await hearing()).bytes > 0, 15_000, 'first inbound audio');
      await until(async () => (await hearing()).bytes > first.bytes + 1000, 15_000, 'inbound audio to keep flowing');
      await until(async () => (await hearing()).peakRms > 0.02, 15_000, 'audible speech');
      // And the customer hears the agent (Chromium's fake microphone).
      await until(() => call.mediaStats.received > 10, 15_000, 'the customer to receive audio');

      await page.evaluate(() => window.queueAgent.hangup());
      const outcome = await call.outcome;
      expect(outcome).toMatchObject({ kind: 'talked', endedBy: 'agent' });
      expect(events).toContainEqual(expect.objectContaining({ event: 'queue-answered', queue: 'support', agent: '1001' }));
    } finally {
      await page?.evaluate(() => window.queueAgent.stop()).catch(() => undefined);
      await page?.close();
      await lab.close();
    }
  });

  it('a transfer to nobody signed in: the customer reports 480 in the NOTIFYs and stays on the line with the agent', async () => {
    const lab = await startTestLab({}, (e) => events.push(e));
    let page: Page | undefined;
    try {
      page = await signedInAgent(lab, '1002');
      const { call } = await simulate(lab, { queue: 'support', lang: 'en', patienceSeconds: 30 });
      await page.waitForFunction(() => window.queueAgent.state() === 'Established', undefined, { timeout: 15_000 });

      // 3001 is not registered: the lab answers the customer's new INVITE with 480.
      expect(await page.evaluate(() => window.queueAgent.refer('sip:3001@lab.test'))).toBe(202);
      await until(
        () => page!.evaluate(() => window.queueAgent.referNotifies.some((l) => /^SIP\/2\.0 [2-6]\d\d /.test(l))),
        15_000,
        'the final NOTIFY',
      );
      const lines = await page.evaluate(() => [...window.queueAgent.referNotifies]);
      expect(lines[0]).toBe('SIP/2.0 100 Trying');
      expect(lines.at(-1)).toMatch(/^SIP\/2\.0 480 /);
      expect(events).toContainEqual(expect.objectContaining({ event: 'sim-call', phase: 'transfer-failed', status: 480 }));
      // Still the same call: the agent still hears the customer, who still hears the agent.
      const before = call.mediaStats.received;
      await until(() => call.mediaStats.received > before + 10, 15_000, 'the customer to keep hearing the agent');
      expect(await page.evaluate(() => window.queueAgent.state())).toBe('Established');
      await page.evaluate(() => window.queueAgent.hangup());
      await expect(call.outcome).resolves.toMatchObject({ kind: 'talked', endedBy: 'agent' });
    } finally {
      await page?.evaluate(() => window.queueAgent.stop()).catch(() => undefined);
      await page?.close();
      await lab.close();
    }
  });

  it('the customer hangs up after the talk time: BYE from the customer', async () => {
    const lab = await startTestLab();
    let page: Page | undefined;
    try {
      page = await signedInAgent(lab, '3001');
      const { call, complaint } = await simulate(lab, { queue: 'technical', lang: 'en', patienceSeconds: 30, talkSeconds: 1 });
      expect(complaint.topic).toBe('router');
      await expect(call.outcome).resolves.toMatchObject({ kind: 'talked', endedBy: 'customer' });
      await page.waitForFunction(() => window.queueAgent.state() === 'Terminated', undefined, { timeout: 10_000 });
      expect(await page.evaluate(() => window.queueAgent.offer?.queue)).toBe('technical');
    } finally {
      await page?.evaluate(() => window.queueAgent.stop()).catch(() => undefined);
      await page?.close();
      await lab.close();
    }
  });

  it('a customer past their patience hangs up while queued: CANCEL, 487', async () => {
    events.length = 0;
    // No agent registered: the caller waits (182) well within the queue's maximum wait.
    const lab = await startTestLab(
      { queues: [{ name: 'support', members: ['1001'], ringTimeoutSeconds: 5, maxWaitSeconds: 60 }] },
      (e) => events.push(e),
    );
    try {
      const { call } = await simulate(lab, { queue: 'support', lang: 'tl', patienceSeconds: 1 });
      const outcome = await call.outcome;
      expect(outcome.kind).toBe('abandoned');
      const phases = events.filter((e) => e.event === 'sim-call' && e.callId === call.callId).map((e) => e.phase);
      expect(phases).toEqual(['placed', 'queued', 'patience-over', 'ended']);
      expect(events).toContainEqual(expect.objectContaining({ event: 'sip-transaction', method: 'CANCEL', status: 200 }));
      expect(events).toContainEqual(expect.objectContaining({ event: 'queue-left', queue: 'support', status: 487 }));
      expect(lab.status()).toMatchObject({ calls: [] });
    } finally {
      await lab.close();
    }
  });

  it('a patient customer is turned away when the queue’s maximum wait passes: 480', async () => {
    const lab = await startTestLab(); // `technical`: nobody registered, maximum wait 1 s
    try {
      const { call } = await simulate(lab, { queue: 'technical', lang: 'da', patienceSeconds: 30 });
      await expect(call.outcome).resolves.toMatchObject({ kind: 'rejected', status: 480 });
    } finally {
      await lab.close();
    }
  });
});

describe('npm run lab -- --simulate', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const cli = (args: string[], until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const port = args.includes('--port') ? [] : ['--port', '0'];
      const child = spawn(process.execPath, ['--import', 'tsx', 'electron/lab/cli.ts', ...port, ...args], { cwd: root });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += String(d);
        if (until?.test(stdout)) child.kill('SIGTERM');
      });
      child.stderr.on('data', (d) => void (stderr += String(d)));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it('places calls from the shipped customer lines; with nobody answering they give up after their patience', async () => {
    const { stdout, stderr } = await cli(
      ['--simulate', '--rate', '60', '--queues', 'support', '--languages', 'nb', '--patience', '1', '--max-calls', '1'],
      /"phase":"ended"/,
    );
    expect(stderr).toMatch(/simulating 60 calls\/min into support \(nb;/);
    const ended = stdout
      .split('\n')
      .filter((l) => l.includes('"sim-call"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.phase === 'ended');
    expect(ended).toMatchObject({ queue: 'support', lang: 'nb', kind: 'abandoned' });
  });

  it('with the port taken (the app’s embedded lab), simulates customers against the lab already there', async () => {
    const running = await startLabServer({ port: 0, config: loadLabConfig(DEFAULT_LAB_CONFIG_PATH), log: (e) => events.push(e) });
    try {
      events.length = 0;
      const { stderr } = await cli(
        ['--port', String(running.port), '--simulate', '--queues', 'technical', '--patience', '1', '--max-calls', '1'],
        /"phase":"ended"/,
      );
      expect(stderr).toMatch(/port \d+ is taken .*simulating customers against ws:\/\/127\.0\.0\.1:\d+/);
      expect(events).toContainEqual(expect.objectContaining({ event: 'queue-left', queue: 'technical', status: 487 }));
    } finally {
      await running.close();
    }
  });

  it('refuses an unknown language or queue before starting', async () => {
    const lang = await cli(['--simulate', '--languages', 'en,fr']);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toMatch(/--languages: fr is not one of en, nl, da, nb, tl/);
    const queue = await cli(['--simulate', '--queues', 'sales']);
    expect(queue.code).toBe(1);
    expect(queue.stderr).toMatch(/--queues: no queue sales/);
  });
});
