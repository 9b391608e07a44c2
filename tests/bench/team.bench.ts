/**
 * The team board's benchmark (issue 15). The built app in browser mode (as `npm start` serves it)
 * signs in to the lab as agent000, whose queues name 300 colleagues; each colleague is a plain SIP
 * client (tests/bench/lab-client.ts) on its own connection that registers and PUBLISHes PIDF
 * (RFC 3903), so the page holds 300 presence subscriptions and the queue board's, as an agent of a
 * 300-person floor does. Figures:
 *
 * (a) one colleague (senior01, at the top of the list) changes state 100 times, one change at a
 *     time, 200 ms apart: the colleague's PUBLISH sent → the row's `data-state` in the DOM, and the
 *     lab's NOTIFY arriving at the page's WebSocket → the DOM (the renderer's own share);
 * (b) the renderer with all 300 colleagues changing state every 10 s on average (a seeded Poisson
 *     process, 30 PUBLISHes a second) beside the same page idle (the same 300 watched, nobody
 *     changing), in interleaved windows so a busy machine weighs on both alike: the renderer
 *     process's CPU (all threads, /proc), its main thread's CPU (CDP Performance.getMetrics
 *     ThreadTime), the main thread's busy wall time (TaskDuration, ScriptDuration, Layout +
 *     RecalcStyle: these count time the thread waited for a core, so they grow with the machine's
 *     load), DOM commits that changed a row, and PUBLISH → DOM under that load.
 * The lab runs in this process (so the lab's share is the Node process's CPU, load generator
 * included). Environment: WARMLINE_BENCH_TEAM (300), WARMLINE_BENCH_CHANGES (100),
 * WARMLINE_BENCH_WINDOW_S (15), WARMLINE_BENCH_ROUNDS (4: 60 s idle, 60 s under load),
 * WARMLINE_BENCH_PROFILE (a file for the renderer's .cpuprofile of the first window under load).
 */
import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startLabServer, type LabServer } from '../../electron/lab';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { cpuSeconds, LoadSampler, RendererProcesses } from './app-vs-bare/process-stats';
import { LabBenchClient } from './lab-client';
import { formatRow, summarize, type Summary } from './stats';
import { TEAM_PROBE_SCRIPT, type NotifyRecord, type StateRecord } from './team/probe';
import { KINDS, pidfOf, PresenceLoad, type Published } from './team/load';

const TEAM = Number(process.env.WARMLINE_BENCH_TEAM ?? 300);
const CHANGES = Number(process.env.WARMLINE_BENCH_CHANGES ?? 100);
const WINDOW_MS = Number(process.env.WARMLINE_BENCH_WINDOW_S ?? 15) * 1000;
const ROUNDS = Number(process.env.WARMLINE_BENCH_ROUNDS ?? 4);
/** A file to write the renderer's CPU profile of the first window under load to (Chrome's .cpuprofile). */
const PROFILE = process.env.WARMLINE_BENCH_PROFILE;
const MEAN_INTERVAL_MS = 10_000;
const WARM_UP = 4;
const GAP_MS = 200;
/** Between windows, unmeasured: what the last one set going settles before the next begins. */
const SETTLE_MS = 2_000;
const DOMAIN = 'bench.test';
const PASSWORD = 'bench-secret';
const AGENT = 'agent000';
const TARGET = 'senior01';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = (n: number) => String(n).padStart(2, '0');

/** 20 seniors and 20 technical agents (the escalation queues, listed first), the rest in support. */
function colleagues(n: number): { senior: string[]; technical: string[]; support: string[] } {
  const senior = Array.from({ length: Math.min(20, n) }, (_, i) => `senior${pad(i + 1)}`);
  const technical = Array.from({ length: Math.min(20, n - senior.length) }, (_, i) => `tech${pad(i + 1)}`);
  const rest = n - senior.length - technical.length;
  const support = Array.from({ length: Math.max(0, rest) }, (_, i) => `agent${String(i + 1).padStart(3, '0')}`);
  return { senior, technical, support };
}

interface Window {
  readonly cpuPercent: number;
  readonly threadPercent: number;
  readonly taskPercent: number;
  readonly scriptPercent: number;
  readonly layoutPercent: number;
  readonly nodePercent: number;
  readonly commitsPerSecond: number;
  readonly latencies: number[];
  readonly superseded: number;
}

type Metrics = Map<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return new Map(list.map((m) => [m.name, m.value]));
}

const take = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __team: { take(): { states: StateRecord[]; notifies: NotifyRecord[] } } }).__team.take(),
  );

/** Each PUBLISH's first DOM commit showing it; a colleague published again within 2 s is left out (ambiguous). */
function match(published: readonly Published[], states: readonly StateRecord[]): { latencies: number[]; superseded: number } {
  const latencies: number[] = [];
  let superseded = 0;
  for (const [i, p] of published.entries()) {
    const again = published.slice(i + 1).find((q) => q.user === p.user);
    if (again && again.sentAt - p.sentAt < 2_000) {
      superseded += 1;
      continue;
    }
    const seen = states.find(([user, state, at]) => user === p.user && state === p.kind && at >= p.sentAt);
    if (seen) latencies.push(seen[2] - p.sentAt);
    else superseded += 1;
  }
  return { latencies, superseded };
}

async function measure(page: Page, pid: number, cdp: CDPSession, work: () => Promise<Published[]>): Promise<Window> {
  await sleep(SETTLE_MS);
  await take(page);
  const m0 = await metrics(cdp);
  const cpu0 = cpuSeconds(pid);
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  const published = await work();
  const t1 = performance.now();
  const cpu1 = cpuSeconds(pid);
  const node1 = process.cpuUsage(node0);
  const m1 = await metrics(cdp);
  await sleep(SETTLE_MS);
  const { states } = await take(page);
  const seconds = (t1 - t0) / 1000;
  const share = (name: string) => (((m1.get(name) ?? 0) - (m0.get(name) ?? 0)) / seconds) * 100;
  const commits = new Set(states.filter(([, , at]) => at <= performance.timeOrigin + t1).map(([, , at]) => at)).size;
  return {
    cpuPercent: ((cpu1 - cpu0) / seconds) * 100,
    threadPercent: share('ThreadTime'),
    taskPercent: share('TaskDuration'),
    scriptPercent: share('ScriptDuration'),
    layoutPercent: share('LayoutDuration') + share('RecalcStyleDuration'),
    nodePercent: ((node1.user + node1.system) / 1e6 / seconds) * 100,
    commitsPerSecond: commits / seconds,
    ...match(published, states),
  };
}

async function waitFor(page: Page, what: string, fn: (arg: number) => boolean, arg: number, timeout = 120_000): Promise<void> {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch {
    throw new Error(`bench: no ${what} within ${timeout / 1000} s`);
  }
}

async function main(): Promise<void> {
  const load = new LoadSampler();
  const team = colleagues(TEAM);
  const everyone = [...team.senior, ...team.technical, ...team.support];
  const dir = makeTempDir();
  let lab: LabServer | undefined;
  let host: AppHost | undefined;
  let browser: Browser | undefined;
  const clients: LabBenchClient[] = [];
  try {
    lab = await startLabServer({
      port: 0,
      log: () => {},
      config: {
        domain: DOMAIN,
        allowedOrigins: ['http://127.0.0.1:*'],
        accounts: [AGENT, ...everyone].map((user) => ({ user, password: PASSWORD })),
        queues: [
          { name: 'senior', members: team.senior, ringTimeoutSeconds: 10, maxWaitSeconds: 60 },
          { name: 'technical', members: team.technical, ringTimeoutSeconds: 10, maxWaitSeconds: 60 },
          { name: 'support', members: [AGENT, ...team.support], ringTimeoutSeconds: 10, maxWaitSeconds: 60 },
        ],
        // 300 colleagues on loopback are 301 connections from one address; and the agent's page subscribes
        // to 301 packages at sign-in (each SUBSCRIBE challenged: ~600 messages) and answers ~60 NOTIFYs a
        // second under load: above the lab's per-connection defaults (50/s, burst 200), made for a desk.
        limits: { maxConnectionsPerAddress: TEAM + 50, messagesPerSecond: 500, messageBurst: 2_000 },
      },
    });
    const url = lab.url;
    console.log(`team: ${TEAM} colleagues registering and publishing Available`);
    for (let i = 0; i < everyone.length; i += 25) {
      const batch = await Promise.all(
        everyone.slice(i, i + 25).map(async (user) => {
          const client = await LabBenchClient.connect(url, user, DOMAIN, PASSWORD);
          await client.register(3600);
          return client;
        }),
      );
      clients.push(...batch);
    }
    const generator = new PresenceLoad(clients, DOMAIN, MEAN_INTERVAL_MS, 15);
    await generator.publishAll('available');

    host = await startAppHost(dir.path);
    await host.services.handlers.saveSettings({
      serverUrl: url,
      sipUri: `sip:${AGENT}@${DOMAIN}`,
      password: PASSWORD,
      displayName: 'Bench Agent',
    });
    browser = await launchChromium();
    const processes = await RendererProcesses.attach(browser);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(TEAM_PROBE_SCRIPT);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('crash', () => console.error('page crashed'));
    await page.goto(host.url);
    const started = performance.now();
    await waitFor(
      page,
      `all ${TEAM} colleagues Available on the team list`,
      (n) => document.querySelectorAll('[data-testid="team-list"] [data-state="available"]').length === n,
      TEAM,
    );
    console.log(
      `  page signed in and showing ${TEAM} colleagues Available after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const pid = await processes.rendererOf('app page', page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    // (a) One change at a time.
    const senior = clients.find((c) => c.user === TARGET)!;
    const publishToDom: number[] = [];
    const notifyToDom: number[] = [];
    console.log(`(a) ${CHANGES} changes of ${TARGET} (+${WARM_UP} warm-up), one at a time`);
    for (let i = 0; i < CHANGES + WARM_UP; i += 1) {
      const kind = KINDS[(i + 1) % KINDS.length]!;
      await take(page);
      const sentAt = performance.timeOrigin + (await senior.publish(pidfOf(TARGET, DOMAIN, kind)));
      let seen: StateRecord | undefined;
      const deadline = performance.now() + 20_000;
      const states: StateRecord[] = [];
      const notifies: NotifyRecord[] = [];
      while (!seen) {
        const taken = await take(page);
        states.push(...taken.states);
        notifies.push(...taken.notifies);
        seen = states.find(([user, state, at]) => user === TARGET && state === kind && at >= sentAt);
        if (!seen && performance.now() > deadline) throw new Error(`bench: ${TARGET} not shown ${kind} within 20 s`);
        if (!seen) await sleep(20);
      }
      const notified = notifies.find(([user, at]) => user === TARGET && at >= sentAt);
      if (i >= WARM_UP) {
        publishToDom.push(seen[2] - sentAt);
        if (notified) notifyToDom.push(seen[2] - notified[1]);
      }
      await sleep(GAP_MS);
    }

    // (b) 300 colleagues changing every 10 s on average, beside the idle page, interleaved.
    console.log(`(b) ${ROUNDS} rounds of ${WINDOW_MS / 1000} s idle, then ${WINDOW_MS / 1000} s with the team changing`);
    const idle: Window[] = [];
    const busy: Window[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      idle.push(await measure(page, pid, cdp, () => sleep(WINDOW_MS).then(() => [])));
      const profile = PROFILE && r === 0;
      if (profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      busy.push(await measure(page, pid, cdp, () => generator.run(WINDOW_MS)));
      if (profile) writeFileSync(PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      console.log(`  round ${r + 1}: ${busy.at(-1)!.latencies.length} changes matched`);
    }
    report(summarize(publishToDom), summarize(notifyToDom), idle, busy, load.stop());
  } finally {
    load.stop();
    await browser?.close();
    await host?.close();
    await Promise.all(clients.map((c) => c.close()));
    await lab?.close();
    dir.remove();
  }
}

function report(
  publish: Summary,
  notify: Summary,
  idle: readonly Window[],
  busy: readonly Window[],
  loads: readonly number[],
): void {
  const spread = (s: Summary, unit: string, digits = 1) =>
    `${s.median.toFixed(digits)} ${unit} (${s.p10.toFixed(digits)}–${s.p90.toFixed(digits)})`;
  const loadAvg = summarize(loads);
  console.log(`\nTeam board: the built app (browser mode) on the lab, ${TEAM} colleagues watched`);
  console.log(
    `load average (1 min) during the run: median ${loadAvg.median.toFixed(2)}, ${loadAvg.p10.toFixed(2)}–${loadAvg.p90.toFixed(2)}\n`,
  );
  const widths = [52, 30];
  console.log(`(a) one colleague changing, ${publish.n} changes (median, p10–p90)`);
  console.log(formatRow(['colleague’s PUBLISH sent → team list row in the DOM', spread(publish, 'ms')], widths));
  console.log(formatRow(['NOTIFY at the page’s WebSocket → row in the DOM', spread(notify, 'ms')], widths));
  console.log(`\n(b) per ${WINDOW_MS / 1000} s window, ${idle.length} of each (median, p10–p90)`);
  const cols = [46, 26, 30];
  console.log(formatRow(['figure', 'idle (300 watched)', `${TEAM} changing every ${MEAN_INTERVAL_MS / 1000} s`], cols));
  const row = (name: string, pick: (w: Window) => number, unit: string) =>
    console.log(formatRow([name, spread(summarize(idle.map(pick)), unit), spread(summarize(busy.map(pick)), unit)], cols));
  row('renderer process CPU, all threads (% of a core)', (w) => w.cpuPercent, '%');
  row('  of which the main thread, ThreadTime (%)', (w) => w.threadPercent, '%');
  row('main thread busy in wall time, TaskDuration (%)', (w) => w.taskPercent, '%');
  row('  of which script (%)', (w) => w.scriptPercent, '%');
  row('  of which style + layout (%)', (w) => w.layoutPercent, '%');
  row('DOM commits changing a row (per second)', (w) => w.commitsPerSecond, '/s');
  row('lab + load generator, Node process (% of a core)', (w) => w.nodePercent, '%');
  const latencies = busy.flatMap((w) => w.latencies);
  const superseded = busy.reduce((n, w) => n + w.superseded, 0);
  console.log(
    formatRow(
      [`PUBLISH → DOM under load (${latencies.length} changes, ${superseded} left out)`, '', spread(summarize(latencies), 'ms')],
      cols,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
