/**
 * What recording a call costs the agent's machine (issue 16). The built app in browser mode (the
 * web host, as `npm start` serves it), two call pages in one Chromium through one Kamailio: one
 * agent has Settings → Record calls on, the other off; one SIP.js customer (a 1250 Hz tone) calls
 * them in turn, so a busy machine slows both alike. Per call, over WARMLINE_BENCH_HOLD_MS of talk:
 *   renderer CPU   the agent page's renderer process, all threads (/proc), % of a core
 *   host CPU       this Node process (both app hosts: the recording one receives the chunks)
 * Figures: median and p10–p90 per variant, and the median of each round's difference (with − without).
 * Environment: WARMLINE_BENCH_CALLS (20), WARMLINE_BENCH_HOLD_MS (5000).
 */
import type { Browser, Page } from 'playwright-core';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { cpuSeconds, LoadSampler, RendererProcesses } from './app-vs-bare/process-stats';
import { formatRow, summarize, type Summary } from './stats';
import { STEP_TIMEOUT_MS as STEP_TIMEOUT, within } from './within';

const CALLS = Number(process.env.WARMLINE_BENCH_CALLS ?? 20);
const HOLD_MS = Number(process.env.WARMLINE_BENCH_HOLD_MS ?? 5_000);
const WARM_UP = 2;

type Name = 'with recording' | 'without';

interface Agent {
  readonly name: Name;
  readonly user: string;
  readonly page: Page;
  readonly pid: number;
  readonly renderer: number[];
  readonly host: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One call from the customer to `agent`, answered on the card; the CPU of the talk is recorded when `record`. */
async function call(agent: Agent, far: Page, kamailio: Kamailio, record: boolean): Promise<void> {
  await within(
    `the customer's INVITE to the agent ${agent.name}`,
    far.evaluate((t) => window.farEnd.call(t), `sip:${agent.user}@${kamailio.domain}`),
  );
  await within(`Answer (${agent.name})`, agent.page.click('section.call-card.incoming button.answer', { timeout: STEP_TIMEOUT }));
  await within(
    `the customer connected (${agent.name})`,
    far.waitForFunction(() => window.farEnd.state().session === 'Established', undefined, { timeout: STEP_TIMEOUT }),
  );
  if (agent.name === 'with recording') {
    await within(
      'the Recording mark on the call card',
      agent.page.getByTestId('recording-indicator').waitFor({ timeout: STEP_TIMEOUT }),
    );
  }
  await sleep(500);
  const renderer0 = cpuSeconds(agent.pid);
  const host0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(HOLD_MS);
  const renderer1 = cpuSeconds(agent.pid);
  const host1 = process.cpuUsage(host0);
  const seconds = (performance.now() - t0) / 1000;
  await within(
    `the customer's BYE (${agent.name})`,
    far.evaluate(() => window.farEnd.hangup()),
  );
  await within(
    `the call to end (${agent.name})`,
    far.waitForFunction(() => window.farEnd.state().session === 'Terminated', undefined, { timeout: STEP_TIMEOUT }),
  );
  const ready = agent.page.getByRole('form', { name: 'After-call work' }).getByRole('button', { name: 'Ready' });
  await within(`Ready after the call (${agent.name})`, ready.click({ timeout: STEP_TIMEOUT }));
  await within(
    `Available after Ready (${agent.name})`,
    agent.page.waitForFunction(
      () => (window as unknown as { warmlineState(): { agent: { kind: string } } }).warmlineState().agent.kind === 'available',
      undefined,
      { timeout: STEP_TIMEOUT },
    ),
  );
  if (!record) return;
  agent.renderer.push(((renderer1 - renderer0) / seconds) * 100);
  agent.host.push(((host1.user + host1.system) / 1e6 / seconds) * 100);
}

async function main(): Promise<void> {
  const load = new LoadSampler();
  const kamailio = await within('Kamailio', startKamailio());
  const dirs = [makeTempDir(), makeTempDir()];
  const hosts: AppHost[] = [];
  let pages: TestPages | undefined;
  let browser: Browser | undefined;
  try {
    const setups = [
      { name: 'with recording', user: 'benchrec', recordCalls: true },
      { name: 'without', user: 'benchplain', recordCalls: false },
    ] as const;
    browser = await within('Chromium', launchChromium());
    const processes = await within("Chromium's process list", RendererProcesses.attach(browser));
    const agents: Agent[] = [];
    for (const [i, setup] of setups.entries()) {
      const host = await within('the app host', startAppHost(dirs[i]!.path));
      hosts.push(host);
      await within(
        'saved settings',
        host.services.handlers.saveSettings({
          serverUrl: kamailio.wsUrl,
          sipUri: `sip:${setup.user}@${kamailio.domain}`,
          password: kamailio.password,
          displayName: 'Bench Agent',
          recordCalls: setup.recordCalls,
        }),
      );
      const context = await within('a browser context', browser.newContext());
      const page = await within('a page', context.newPage());
      page.on('pageerror', (e) => console.error(`${setup.name}: page error: ${e.message}`));
      await within(`${setup.name}: navigation`, page.goto(host.url));
      await within(
        `${setup.name}: signed in`,
        page.waitForFunction(
          () => document.querySelector('[data-testid="registration"]')?.textContent === 'Signed in',
          undefined,
          {
            timeout: STEP_TIMEOUT,
          },
        ),
      );
      const pid = await within(`${setup.name}: its renderer process`, processes.rendererOf(setup.name, page));
      agents.push({ name: setup.name, user: setup.user, page, pid, renderer: [], host: [] });
    }

    pages = await within('the test pages', serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' }));
    const far = await within('the far-end page', (await browser.newContext()).newPage());
    far.on('pageerror', (e) => console.error(`far end: page error: ${e.message}`));
    await within('far-end page', far.goto(pages.url('far-end')));
    await within(
      'far end registered',
      far.evaluate((o) => window.farEnd.register(o), {
        wsUrl: kamailio.wsUrl,
        uri: `sip:benchcustomer@${kamailio.domain}`,
        password: kamailio.password,
        toneHz: 1250,
      }),
    );

    console.log(`calls: ${CALLS} per variant (+${WARM_UP} warm-up), ${HOLD_MS} ms of each measured`);
    for (let i = 0; i < CALLS + WARM_UP; i += 1) {
      // Alternate which goes first, so neither always follows the other's hang-up.
      const order = i % 2 === 0 ? agents : [...agents].reverse();
      for (const agent of order) await call(agent, far, kamailio, i >= WARM_UP);
      if ((i + 1) % 5 === 0) console.log(`  ${i + 1} calls each`);
    }
    const recordings = await hosts[0]!.services.handlers.listHistory({ limit: 5 });
    if (!recordings.items.every((item) => item.recording !== undefined))
      throw new Error('a call with recording on has no recording');
    report(agents as [Agent, Agent], load.stop());
  } finally {
    load.stop();
    await browser?.close();
    await pages?.close();
    for (const host of hosts) await host.close();
    for (const dir of dirs) dir.remove();
    await kamailio.stop();
  }
}

function report([withRecording, without]: [Agent, Agent], loads: readonly number[]): void {
  const spread = (s: Summary) => `${s.median.toFixed(2)} % (${s.p10.toFixed(2)}–${s.p90.toFixed(2)})`;
  const differences = (key: 'renderer' | 'host') => withRecording[key].map((value, i) => value - (without[key][i] ?? 0));
  const widths = [34, 26, 26, 30];
  const load = summarize(loads);
  console.log('\nRecording a call: the built app, two agents through Kamailio, one records, calls interleaved');
  console.log(
    `load average (1 min) during the run: median ${load.median.toFixed(2)}, ${load.p10.toFixed(2)}–${load.p90.toFixed(2)}\n`,
  );
  console.log(formatRow(['CPU during a call (median, p10–p90)', 'with recording', 'without', 'difference (per round)'], widths));
  for (const [label, key] of [
    ['renderer (% of a core)', 'renderer'],
    ['host, Node (% of a core)', 'host'],
  ] as const) {
    console.log(
      formatRow(
        [label, spread(summarize(withRecording[key])), spread(summarize(without[key])), spread(summarize(differences(key)))],
        widths,
      ),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
