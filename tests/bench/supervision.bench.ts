/**
 * What supervision costs the agent's machine (issue 16): the mix for a third leg (supervision-mix.ts)
 * runs in the agent's renderer, so that renderer's CPU is measured on one customer call alone and
 * on the same call while a supervisor listens and while they barge in (the most mixing: the
 * supervisor's voice goes to the customer too). The goal: under 5 % of a core more than
 * the call alone. Through Kamailio on loopback, the built renderer in browser mode (as `npm start`
 * serves it), the agent in its own Chromium (its renderer's CPU from /proc), the supervisor and
 * the customer in another. Each round measures the three stretches of one call, in an order that
 * alternates round by round so that a drift of the machine's load does not favour one; the table
 * gives medians (p10–p90) and the median of each round's difference, with the load average.
 * Environment: WARMLINE_BENCH_ROUNDS (8), WARMLINE_BENCH_HOLD_MS (4000).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { FarEndDriver } from '../e2e/phone-engine.harness';
import { signedInWarmline } from '../e2e/warmline-pages.harness';
import { cpuSeconds, cpuSecondsByThread, LoadSampler, RendererProcesses } from './app-vs-bare/process-stats';
import { formatRow, summarize } from './stats';
import { STEP_TIMEOUT_MS as STEP_TIMEOUT, within } from './within';

const ROUNDS = Number(process.env.WARMLINE_BENCH_ROUNDS ?? 8);
const HOLD_MS = Number(process.env.WARMLINE_BENCH_HOLD_MS ?? 4_000);
/** Audio paths and the mix settle before a stretch is measured. */
const SETTLE_MS = 1_000;

type Stretch = 'alone' | 'listen' | 'barge';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Per stretch, per thread name: % of one core in each round (where a difference goes). */
const byThread: Record<Stretch, Map<string, number[]>> = { alone: new Map(), listen: new Map(), barge: new Map() };

/** Renderer CPU of `pid` over HOLD_MS, in % of one core; its threads' shares go to `byThread[stretch]`. */
async function cpuPercent(pid: number, stretch: Stretch): Promise<number> {
  const cpu0 = cpuSeconds(pid);
  const threads0 = cpuSecondsByThread(pid);
  const t0 = performance.now();
  await sleep(HOLD_MS);
  const seconds = (performance.now() - t0) / 1000;
  for (const [name, s] of cpuSecondsByThread(pid)) {
    const list = byThread[stretch].get(name) ?? [];
    list.push(((s - (threads0.get(name) ?? 0)) / seconds) * 100);
    byThread[stretch].set(name, list);
  }
  return ((cpuSeconds(pid) - cpu0) / seconds) * 100;
}

async function main(): Promise<void> {
  const kamailio = await within('Kamailio', startKamailio({ password: 'bench', domain: 'bench.test' }));
  const dir = makeTempDir();
  const load = new LoadSampler();
  const hosts: AppHost[] = [];
  const browsers: Browser[] = [];
  let pages: TestPages | undefined;
  const samples: Record<Stretch, number[]> = { alone: [], listen: [], barge: [] };
  try {
    pages = await within('test pages', serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' }));
    for (const name of ['agent', 'supervisor']) hosts.push(await within(`${name}'s host`, startAppHost(join(dir.path, name))));
    const [agentHost, supervisorHost] = hosts as [AppHost, AppHost];
    const agentBrowser = await within('Chromium (agent)', launchChromium());
    const othersBrowser = await within('Chromium (supervisor, customer)', launchChromium());
    browsers.push(agentBrowser, othersBrowser);
    const pageErrors: string[] = [];
    const desk = (browser: Browser, host: AppHost, user: string, supervisor: boolean) =>
      within(`${user} signed in`, signedInWarmline(kamailio, browser, host, user, { displayName: user, supervisor }, pageErrors));
    const agent = await desk(agentBrowser, agentHost, 'benchagent', false);
    const supervisor = await desk(othersBrowser, supervisorHost, 'benchsenior', true);
    const processes = await within("Chromium's process list", RendererProcesses.attach(agentBrowser));
    const pid = await within("the agent's renderer", processes.rendererOf('agent', agent));

    const customer = await within('the customer registered', FarEndDriver.open(othersBrowser, pages, kamailio, 'customer'));
    const board = supervisor.getByTestId('supervisor-board');
    await board.getByLabel('Agent').fill('benchagent');
    const monitor = supervisor.getByTestId('monitor');
    const indicator = agent.getByTestId('supervision-indicator');
    const click = (what: string, page: Page, name: string, scope = page.locator('body')) =>
      within(what, scope.getByRole('button', { name, exact: true }).click({ timeout: STEP_TIMEOUT }));
    const inMode = async (mode: 'listen' | 'barge') => {
      await within(
        `indicator in ${mode}`,
        agent.locator(`[data-testid="supervision-indicator"][data-mode="${mode}"]`).waitFor({ timeout: STEP_TIMEOUT }),
      );
      await sleep(SETTLE_MS);
    };

    console.log(`rounds: ${ROUNDS} (one call each), ${HOLD_MS} ms measured per stretch`);
    for (let round = 0; round < ROUNDS; round += 1) {
      await within('the customer calls', customer.call(`sip:benchagent@${kamailio.domain}`));
      await click('Answer', agent, 'Answer');
      await within(
        'the customer connected',
        customer.page.waitForFunction(() => window.farEnd.state().session === 'Established', undefined, {
          timeout: STEP_TIMEOUT,
        }),
      );
      await sleep(SETTLE_MS);
      const alone = async () => samples.alone.push(await cpuPercent(pid, 'alone'));
      const supervised = async () => {
        await click('Listen', supervisor, 'Listen', board.locator('.any-agent'));
        await inMode('listen');
        samples.listen.push(await cpuPercent(pid, 'listen'));
        await click('In the call', supervisor, 'In the call', monitor);
        await inMode('barge');
        samples.barge.push(await cpuPercent(pid, 'barge'));
        await click('Leave', supervisor, 'Leave', monitor);
        await within('the indicator gone', indicator.waitFor({ state: 'detached', timeout: STEP_TIMEOUT }));
        await sleep(SETTLE_MS);
      };
      if (round % 2 === 0) {
        await alone();
        await supervised();
      } else {
        await supervised();
        await alone();
      }
      await within('the customer hangs up', customer.hangup());
      await click('Ready', agent, 'Ready', agent.getByRole('form', { name: 'After-call work' }));
      await within('Available again', agent.getByText('Status: Available').waitFor({ timeout: STEP_TIMEOUT }));
    }
    report(samples, load.stop());
    if (pageErrors.length > 0) console.error(`page errors: ${pageErrors.join('; ')}`);
  } finally {
    load.stop();
    for (const browser of browsers) await browser.close();
    await pages?.close();
    for (const host of hosts) await host.close();
    dir.remove();
    await kamailio.stop();
  }
}

function report(samples: Record<Stretch, number[]>, loads: readonly number[]): void {
  const spread = (values: readonly number[]) => {
    const s = summarize(values);
    return `${s.median.toFixed(1)} % (${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;
  };
  const more = (stretch: Exclude<Stretch, 'alone'>) => samples[stretch].map((v, i) => v - (samples.alone[i] ?? Number.NaN));
  const widths = [58, 26];
  console.log(formatRow(["agent's renderer CPU, % of one core", 'median (p10–p90)'], widths));
  console.log(formatRow(['the call alone', spread(samples.alone)], widths));
  console.log(formatRow(['the same call, a supervisor listening', spread(samples.listen)], widths));
  console.log(formatRow(['the same call, a supervisor in the call (barge)', spread(samples.barge)], widths));
  console.log(formatRow(['more than alone, per round: listening', spread(more('listen'))], widths));
  console.log(formatRow(['more than alone, per round: barge (goal < 5 %)', spread(more('barge'))], widths));
  // By thread (Chromium's names; the main thread is 'chromium'): medians per stretch.
  const median = (stretch: Stretch, name: string) => {
    const list = byThread[stretch].get(name);
    return list ? summarize(list).median : 0;
  };
  const names = [...new Set([...byThread.alone.keys(), ...byThread.listen.keys(), ...byThread.barge.keys()])]
    .filter((name) => median('alone', name) + median('listen', name) + median('barge', name) >= 0.1)
    .sort((a, b) => median('barge', b) - median('barge', a));
  console.log('by thread, median % of a core: alone / listening / barge');
  for (const name of names) {
    const cells = (['alone', 'listen', 'barge'] as const).map((stretch) => median(stretch, name).toFixed(1).padStart(5));
    console.log(`  ${name.padEnd(18)} ${cells.join(' ')}`);
  }
  const l = summarize(loads);
  console.log(
    `load average (1 min) during the run: median ${l.median.toFixed(2)}, p10–p90 ${l.p10.toFixed(2)}–${l.p90.toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
