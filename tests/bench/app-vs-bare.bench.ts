/**
 * The app as an agent gets it, beside a bare JsSIP page (issue 19). The built renderer in browser
 * mode (the web host, as `npm start` serves it) is driven through its UI; the bare JsSIP 3.13 page
 * (tests/bench/pages/bare-jssip-ui.ts, minified) does the least a phone must. Both run in one
 * Chromium, through one Kamailio on loopback, interleaved call by call and start by start, so a
 * busy machine slows both alike: read the ratios. Figures (median, p10–p90):
 *   ring-to-UI       the far end hands its INVITE to its WebSocket → the ringing card is in the DOM
 *   answer-to-audio  a trusted click on Answer → the first inbound RTP bytes (getStats)
 *   cold start       navigation → "Signed in" on screen (a fresh browser context each time); the
 *                    app shows it first in its start shell, then in the mounted app: both are reported
 *   CPU in call      the page's renderer process, all threads, over a few seconds of each call
 *   USS in call      the renderer's unique set size during each call
 *   heap per call    on issue 19's terms, over 100 calls: a loop of its own after the CPU calls, on
 *                    fresh pages (signed in as other users), calls interleaved app/bare, each held a
 *                    short while (no CPU measured), the JS heap read after two forced GCs after each
 *                    call: least-squares slope over the calls after warm-up, and over their second half
 *                    (V8's code still warming up weighs on the first); that half's growth between two
 *                    heap snapshots split into JS objects (what a call could leave in the page's state),
 *                    V8's compiled code and native objects (Blink's DOM and performance-timeline
 *                    entries; heap-snapshot.ts `sizeByKind`); with more than 100 calls, also each 100
 *                    calls' slope and split (calls 1..100, 101..200, ...): does the growth stop?
 *   JS at start      every .js whose fetch started before "Signed in" was on screen, raw and gzip:
 *                    the cold start that asked for the most (files listed), and the median start
 * Both pages are served with the app host's isolation headers (COOP, nosniff, no-referrer; the CSP
 * is the app's alone).
 * Environment: WARMLINE_BENCH_CALLS (40), WARMLINE_BENCH_STARTS (10), WARMLINE_BENCH_HOLD_MS (3000),
 * WARMLINE_BENCH_HEAP_CALLS (100: calls per page in the heap loop, after 2 warm-up calls; 0 leaves it out),
 * (WARMLINE_BENCH_STARTS=0 and WARMLINE_BENCH_CALLS=0 leave the cold starts and the timed calls out, e.g. to
 * run the heap loop alone),
 * WARMLINE_BENCH_HEAP_TALK_MS (300: how long each of those calls is held).
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { SECURITY_HEADERS } from '../../electron/web-host/server';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { cpuSeconds, cpuSecondsByThread, LoadSampler, RendererProcesses, ussBytes } from './app-vs-bare/process-stats';
import { PROBE_SCRIPT } from './app-vs-bare/probe';
import { scriptsStartedBefore, weigh, type ScriptFetch, type Shipped } from './app-vs-bare/shipped';
import { answeredCall, clickAnswer, farEndCalls, farEndHangsUp, finishWrapUp, registeredFarEnd, slope } from './app-call';
import { heapAfterGc, heapSnapshotJson } from './heap-capture';
import { kindGrowthPerCall, parseSnapshot, sizeByKind, type SizeByKind } from './heap-snapshot';
import { formatRow, summarize, type Summary } from './stats';
import { STEP_TIMEOUT_MS as STEP_TIMEOUT, within } from './within';

const CALLS = Number(process.env.WARMLINE_BENCH_CALLS ?? 40);
const STARTS = Number(process.env.WARMLINE_BENCH_STARTS ?? 10);
const HOLD_MS = Number(process.env.WARMLINE_BENCH_HOLD_MS ?? 3_000);
/** Issue 19's heap goal is judged over 100 calls: the heap loop's calls per page (after the warm-up calls). */
const HEAP_CALLS = Number(process.env.WARMLINE_BENCH_HEAP_CALLS ?? 100);
const HEAP_TALK_MS = Number(process.env.WARMLINE_BENCH_HEAP_TALK_MS ?? 300);
/** Issue 19's goal for the heap: at most this much growth per call after GC over 100 calls. */
const HEAP_GOAL_MB = 0.005;
/** With more heap calls than this, each block of this many is also reported (slope and split by kind). */
const HEAP_BLOCK = 100;
const WARM_UP = 2;
/** The app host's headers the bare page gets too: all but its Content-Security-Policy. */
const bareHeaders = Object.fromEntries(Object.entries(SECURITY_HEADERS).filter(([name]) => name !== 'Content-Security-Policy'));

type Name = 'app' | 'bare';

interface Samples {
  ring: number[];
  answer: number[];
  cold: number[];
  /** Navigation → the mounted app's own "Signed in" (the bare page: the same as `cold`). */
  appCold: number[];
  cpu: number[];
  /** CPU in call by thread name (% of a core per call), to see where a difference goes. */
  threads: Map<string, number[]>;
  uss: number[];
  heap: number[];
  /**
   * Heap snapshot sizes by kind, by the measured heap calls done when taken: after the first half and after
   * the last call; with more than HEAP_BLOCK calls, also before the first and after every HEAP_BLOCK.
   */
  kinds: Map<number, SizeByKind>;
  /** Each measured cold start's scripts whose fetch started before its "Signed in". */
  scripts: ScriptFetch[][];
  /** Those weighed: the start that asked for the most, and the median start's size. */
  shipped?: { most: Shipped; medianRaw: number; medianGzip: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probeValue(
  page: Page,
  key: 'signedInAt' | 'appSignedInAt' | 'ringAt' | 'clickAt' | 'firstRtpAt',
  what: string,
): Promise<number> {
  const handle = await within(
    what,
    page.waitForFunction((k) => (window as unknown as { __bench: Record<string, number | undefined> }).__bench[k], key, {
      timeout: STEP_TIMEOUT + 1_000,
      polling: 10,
    }),
  );
  return Number(await handle.jsonValue());
}

interface Variant {
  readonly name: Name;
  /** Where a cold start navigates to (already configured to sign in). */
  readonly startUrl: string;
  /** Where the page that takes the calls navigates to. */
  readonly callUrl: string;
  readonly user: string;
  /** Where the page of the heap loop navigates to, and its user (a fresh page, a user of its own). */
  readonly heapUrl: string;
  readonly heapUser: string;
  /** After the far end hung up: whatever the page needs before the next call can ring. */
  afterCall(page: Page): Promise<void>;
}

/** Nothing measured yet: one page's record. */
function emptySamples(): Samples {
  return {
    ring: [],
    answer: [],
    cold: [],
    appCold: [],
    cpu: [],
    threads: new Map(),
    uss: [],
    heap: [],
    kinds: new Map(),
    scripts: [],
  };
}

class Bench {
  readonly samples: Record<Name, Samples> = { app: emptySamples(), bare: emptySamples() };

  constructor(
    private readonly browser: Browser,
    private readonly processes: RendererProcesses,
    private readonly kamailio: Kamailio,
  ) {}

  async newPage(what: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await within(`${what}: a browser context`, this.browser.newContext());
    await within(`${what}: the probe script`, context.addInitScript(PROBE_SCRIPT));
    const page = await within(`${what}: a page`, context.newPage());
    page.on('pageerror', (e) => console.error(`${what}: page error: ${e.message}`));
    page.on('crash', () => console.error(`${what}: page crashed`));
    await within(`${what} navigation`, page.goto(url));
    return { context, page };
  }

  /** A page and its renderer process, for the figures read from the process. */
  async newProcessPage(what: string, url: string): Promise<{ context: BrowserContext; page: Page; pid: number }> {
    const opened = await this.newPage(what, url);
    return { ...opened, pid: await within(`${what}: its renderer process`, this.processes.rendererOf(what, opened.page)) };
  }

  async coldStart(variant: Variant, record: boolean): Promise<void> {
    const { context, page } = await this.newPage(`${variant.name} cold start`, variant.startUrl);
    try {
      const signedIn = await probeValue(page, 'signedInAt', `"Signed in" on the ${variant.name} page (cold start)`);
      // The scripts whose fetch started before "Signed in" (read from resource timing; weighed at the end).
      const scripts = await within(`the ${variant.name} page's scripts`, scriptsStartedBefore(page, signedIn));
      const appSignedIn = await probeValue(page, 'appSignedInAt', `the ${variant.name} app's own "Signed in" (cold start)`);
      if (!record) return;
      this.samples[variant.name].cold.push(signedIn);
      this.samples[variant.name].appCold.push(appSignedIn);
      this.samples[variant.name].scripts.push(scripts);
    } finally {
      await within(`${variant.name} cold start: closing its context`, context.close());
    }
  }

  /** A fresh page for `variant` signed in at `url`, with a DevTools session and its renderer process. */
  async callPage(variant: Variant, what: string, url: string): Promise<CallPage> {
    const opened = await this.newProcessPage(`${variant.name} ${what}`, url);
    await probeValue(opened.page, 'signedInAt', `"Signed in" on the ${variant.name} ${what}`);
    const cdp = await within(`${variant.name}: a DevTools session`, opened.context.newCDPSession(opened.page));
    return { v: variant, cdp, ...opened };
  }

  /** The scripts of every measured cold start weighed (after the starts, so fetching them slows none). */
  async weighScripts(): Promise<void> {
    const cache = new Map<string, Buffer>();
    for (const s of Object.values(this.samples)) {
      const weighed: Shipped[] = [];
      for (const scripts of s.scripts) weighed.push(await within('weighing the scripts', weigh(scripts, cache)));
      if (weighed.length === 0) continue;
      const most = weighed.reduce((a, b) => (b.raw > a.raw ? b : a));
      s.shipped = {
        most,
        medianRaw: summarize(weighed.map((w) => w.raw)).median,
        medianGzip: summarize(weighed.map((w) => w.gzip)).median,
      };
    }
  }

  /** A heap snapshot of each call page after `done` measured calls, its sizes by kind kept (V8 code apart from what calls keep). */
  async heapKinds(pages: readonly { v: Variant; cdp: CDPSession }[], done: number): Promise<void> {
    for (const p of pages) {
      const json = await heapSnapshotJson(p.cdp);
      this.samples[p.v.name].kinds.set(done, sizeByKind(parseSnapshot(json)));
    }
  }

  async call(variant: Variant, page: Page, pid: number, far: Page, cdp: CDPSession, record: boolean): Promise<void> {
    const s = this.samples[variant.name];
    await within(
      `the ${variant.name} page's ring probe`,
      page.evaluate(() => (window as unknown as { __bench: { armRing(): void } }).__bench.armRing()),
    );
    await farEndCalls(far, `sip:${variant.user}@${this.kamailio.domain}`);
    const ringAt = await probeValue(page, 'ringAt', `ringing card on the ${variant.name} page`);
    const sentAt = await within(
      `the far end's INVITE time (${variant.name})`,
      far.evaluate(() => window.farEnd.state().inviteSentAt ?? Number.NaN),
    );
    await clickAnswer(page, STEP_TIMEOUT);
    const clickAt = await probeValue(page, 'clickAt', `trusted click seen by the ${variant.name} page`);
    const firstRtpAt = await probeValue(page, 'firstRtpAt', `inbound audio on the ${variant.name} page after Answer`);
    await sleep(300);
    const cpu0 = cpuSeconds(pid);
    const threads0 = cpuSecondsByThread(pid);
    const t0 = performance.now();
    await sleep(HOLD_MS);
    const cpu1 = cpuSeconds(pid);
    const threads1 = cpuSecondsByThread(pid);
    const t1 = performance.now();
    const uss = ussBytes(pid);
    // Both pages must play the far end's audio, or the CPU figures compare unlike work.
    const playing = await within(
      `the ${variant.name} page's audio elements`,
      page.evaluate(
        () => [...document.querySelectorAll('audio')].filter((a) => a.srcObject && !a.paused && a.currentTime > 0).length,
      ),
    );
    if (playing === 0) console.error(`${variant.name}: no audio element plays the far end during the call`);
    await farEndHangsUp(far, STEP_TIMEOUT);
    await variant.afterCall(page);
    // Kept from when these calls gave the heap figure: each call starts from a collected heap, as before.
    await within(`a garbage collection (${variant.name})`, cdp.send('HeapProfiler.collectGarbage'));
    if (!record) return;
    s.ring.push(ringAt - sentAt);
    s.answer.push(firstRtpAt - clickAt);
    s.cpu.push(((cpu1 - cpu0) / ((t1 - t0) / 1000)) * 100);
    for (const [name, seconds] of threads1) {
      const list = s.threads.get(name) ?? [];
      list.push(((seconds - (threads0.get(name) ?? 0)) / ((t1 - t0) / 1000)) * 100);
      s.threads.set(name, list);
    }
    s.uss.push(uss / 2 ** 20);
  }

  /** One call of the heap loop: answered, held HEAP_TALK_MS, ended by the far end, Ready; then the heap after GC. */
  async heapCall(p: CallPage, far: Page): Promise<void> {
    await answeredCall(p.page, far, `sip:${p.v.heapUser}@${this.kamailio.domain}`, STEP_TIMEOUT);
    await sleep(HEAP_TALK_MS);
    await farEndHangsUp(far, STEP_TIMEOUT);
    await p.v.afterCall(p.page);
    this.samples[p.v.name].heap.push(await heapAfterGc(p.cdp));
  }
}

interface CallPage {
  readonly v: Variant;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pid: number;
  readonly cdp: CDPSession;
}

/** Least-squares slope of the heap after each call, in MB per call (warm-up calls left out). */
function heapSlope(heap: readonly number[]): number {
  return slope(heap.slice(WARM_UP).map((b) => b / 2 ** 20));
}

/**
 * The same over the second half of the calls only. The heap after GC includes V8's compiled code, which
 * grows while functions warm up (tiered up, optimized) over the first tens of calls, more for the app's
 * code than the bare page's; tests/bench/heap-per-call.ts splits a snapshot difference into code and the
 * rest. Printed beside the figure above, which stays the goal's definition.
 */
function steadyHeapSlope(heap: readonly number[]): number {
  const measured = heap.slice(WARM_UP);
  return slope(measured.slice(Math.floor(measured.length / 2)).map((b) => b / 2 ** 20));
}

/** The same over measured calls from+1..to (1-based), for the blocks of a loop longer than HEAP_BLOCK. */
function blockHeapSlope(heap: readonly number[], from: number, to: number): number {
  return slope(heap.slice(WARM_UP + from, WARM_UP + to).map((b) => b / 2 ** 20));
}

/** After how many measured heap calls to take snapshots: half-way and at the end, and the blocks' bounds. */
function heapSnapshotPoints(calls: number): Set<number> {
  const points = new Set([Math.floor(calls / 2), calls]);
  if (calls > HEAP_BLOCK) for (let done = 0; done < calls; done += HEAP_BLOCK) points.add(done);
  return points;
}

async function main(): Promise<void> {
  const load = new LoadSampler();
  const kamailio = await within('Kamailio', startKamailio());
  const dirs = [makeTempDir(), makeTempDir(), makeTempDir()];
  const hosts: AppHost[] = [];
  let pages: TestPages | undefined;
  let browser: Browser | undefined;
  try {
    for (const [i, dir] of dirs.entries()) {
      const host = await within('the app host', startAppHost(dir.path));
      hosts.push(host);
      await within(
        'saved settings',
        host.services.handlers.saveSettings({
          serverUrl: kamailio.wsUrl,
          sipUri: `sip:${['benchapp', 'coldapp', 'heapapp'][i]}@${kamailio.domain}`,
          password: kamailio.password,
          displayName: 'Bench Agent',
        }),
      );
    }
    const [callHost, coldHost, heapHost] = hosts as [AppHost, AppHost, AppHost];
    pages = await within(
      'the test pages',
      serveTestPages(
        { 'bare-jssip-ui': 'tests/bench/pages/bare-jssip-ui.ts', 'far-end': 'tests/support/far-end/sipjs-far-end.ts' },
        // Served as the app's web host serves the app: with its opener isolation (COOP puts a page in
        // a browsing context group of its own, so a tab navigated to it from about:blank moves to a new
        // renderer process, 50-70 ms before its first byte is parsed). The CSP stays the app's own.
        { minify: true, headers: bareHeaders },
      ),
    );
    const bareUrl = (user: string) =>
      `${pages?.url('bare-jssip-ui')}?${new URLSearchParams({ ws: kamailio.wsUrl, uri: `sip:${user}@${kamailio.domain}`, password: kamailio.password })}`;
    const variants: readonly Variant[] = [
      {
        name: 'app',
        startUrl: coldHost.url,
        callUrl: callHost.url,
        user: 'benchapp',
        heapUrl: heapHost.url,
        heapUser: 'heapapp',
        afterCall: (page) => finishWrapUp(page, STEP_TIMEOUT),
      },
      {
        name: 'bare',
        startUrl: bareUrl('coldbare'),
        callUrl: bareUrl('benchbare'),
        user: 'benchbare',
        heapUrl: bareUrl('heapbare'),
        heapUser: 'heapbare',
        afterCall: (page) => finishWrapUp(page, STEP_TIMEOUT),
      },
    ];

    browser = await within('Chromium', launchChromium());
    const processes = await within("Chromium's process list", RendererProcesses.attach(browser));
    const bench = new Bench(browser, processes, kamailio);

    if (STARTS > 0) {
      console.log(`cold starts: ${STARTS} per variant (+${WARM_UP} warm-up)`);
      for (let i = 0; i < STARTS + WARM_UP; i += 1) {
        for (const v of variants) await bench.coldStart(v, i >= WARM_UP);
      }
      await bench.weighScripts();
    }

    const farContext = await within("the far end's browser context", browser.newContext());
    const far = await registeredFarEnd(farContext, pages, kamailio, 'benchcustomer');
    // The far end's closed peer connections count towards Chromium's 500 per page until they are
    // collected: a long heap loop (2 calls an iteration) failed at 250 iterations with "Cannot create
    // so many PeerConnections". Collected now and then (the far end's process is not measured).
    const farCdp = await within("the far end's DevTools session", farContext.newCDPSession(far));
    const collectFarEnd = () => within('a garbage collection (the far end)', farCdp.send('HeapProfiler.collectGarbage'));
    if (CALLS > 0) {
      const callPages: CallPage[] = [];
      for (const v of variants) callPages.push(await bench.callPage(v, 'call page', v.callUrl));
      console.log(`calls: ${CALLS} per variant (+${WARM_UP} warm-up), ${HOLD_MS} ms each measured for CPU`);
      for (let i = 0; i < CALLS + WARM_UP; i += 1) {
        for (const p of callPages) await bench.call(p.v, p.page, p.pid, far, p.cdp, i >= WARM_UP);
        if ((i + 1) % 10 === 0) console.log(`  ${i + 1} calls each`);
        if ((i + 1) % 50 === 0) await collectFarEnd();
      }
      for (const p of callPages) await within(`closing the ${p.v.name} call page`, p.context.close());
    }

    if (HEAP_CALLS > 0) {
      // The heap loop: fresh pages, so its calls are the pages' first ones, as a shift's are.
      const heapPages: CallPage[] = [];
      for (const v of variants) heapPages.push(await bench.callPage(v, 'heap page', v.heapUrl));
      const started = performance.now();
      console.log(`heap: ${HEAP_CALLS} calls per variant (+${WARM_UP} warm-up), ${HEAP_TALK_MS} ms each, heap after GC`);
      // Snapshots around the calls the steady slope is fitted to (its second half), and the blocks' bounds.
      const snapshotsAfter = heapSnapshotPoints(HEAP_CALLS);
      for (let i = 0; i < HEAP_CALLS + WARM_UP; i += 1) {
        for (const p of heapPages) await bench.heapCall(p, far);
        if ((i + 1) % 20 === 0) console.log(`  ${i + 1} calls each (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        const done = i + 1 - WARM_UP;
        if (snapshotsAfter.has(done)) await bench.heapKinds(heapPages, done);
        if ((i + 1) % 50 === 0) await collectFarEnd();
      }
      console.log(`heap loop: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    report(bench.samples, load.stop());
  } finally {
    load.stop();
    await browser?.close();
    await pages?.close();
    for (const host of hosts) await host.close();
    for (const dir of dirs) dir.remove();
    await kamailio.stop();
  }
}

const signedMb = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(4)} MB`;

/**
 * The heap rows: the slope over all measured calls (issue 19's figure), over their second half, that half
 * split by kind; with more than HEAP_BLOCK calls, each block of HEAP_BLOCK calls the same way.
 */
function heapRows(
  samples: Record<Name, Samples>,
  slopeA: number,
  slopeB: number,
  measured: number,
  rows: [string, string, string, number][],
): void {
  rows.push([`JS heap growth per call after GC (${measured} calls)`, signedMb(slopeA), signedMb(slopeB), slopeA / slopeB]);
  const split = (label: string, from: number, to: number, a: number, b: number) => {
    rows.push([label, signedMb(a), signedMb(b), a / b]);
    // The calls' growth split by heap snapshots: V8's compiled code warming up, Blink's objects (bounded
    // performance-timeline buffers, media players), and the JS objects the page's state is made of.
    const [fromA, toA] = [samples.app.kinds.get(from), samples.app.kinds.get(to)];
    const [fromB, toB] = [samples.bare.kinds.get(from), samples.bare.kinds.get(to)];
    if (!fromA || !toA || !fromB || !toB) return;
    const ka = kindGrowthPerCall(fromA, toA, to - from);
    const kb = kindGrowthPerCall(fromB, toB, to - from);
    const kinds: [string, keyof SizeByKind][] = [
      ['JS objects (the page state)', 'js'],
      ['V8 compiled code', 'code'],
      ['native (DOM, perf. entries)', 'native'],
    ];
    for (const [name, key] of kinds) {
      rows.push([
        `    of which ${name}`,
        signedMb(ka[key] / 2 ** 20),
        signedMb(kb[key] / 2 ** 20),
        kb[key] > 0 ? ka[key] / kb[key] : Number.NaN,
      ]);
    }
  };
  const half = Math.floor(measured / 2);
  split(
    `  the same over calls ${half + 1}..${measured} (after warm-up)`,
    half,
    measured,
    steadyHeapSlope(samples.app.heap),
    steadyHeapSlope(samples.bare.heap),
  );
  if (measured <= HEAP_BLOCK) return;
  for (let from = 0; from < measured; from += HEAP_BLOCK) {
    const to = Math.min(from + HEAP_BLOCK, measured);
    const a = blockHeapSlope(samples.app.heap, from, to);
    const b = blockHeapSlope(samples.bare.heap, from, to);
    split(`  calls ${from + 1}..${to}`, from, to, a, b);
  }
}

function report(samples: Record<Name, Samples>, loads: readonly number[]): void {
  const spread = (s: Summary, unit: string, digits = 1) =>
    `${s.median.toFixed(digits)} ${unit} (${s.p10.toFixed(digits)}–${s.p90.toFixed(digits)})`;
  const rows: [string, string, string, number][] = [];
  const add = (name: string, key: 'ring' | 'answer' | 'cold' | 'appCold' | 'cpu' | 'uss', unit: string, digits = 1) => {
    // A part left out (WARMLINE_BENCH_STARTS=0 or WARMLINE_BENCH_CALLS=0) has no rows.
    if (samples.app[key].length === 0 || samples.bare[key].length === 0) return;
    const a = summarize(samples.app[key]);
    const b = summarize(samples.bare[key]);
    rows.push([name, spread(a, unit, digits), spread(b, unit, digits), a.median / b.median]);
  };
  add('ring-to-UI (INVITE sent → ringing card)', 'ring', 'ms');
  add('answer-to-audio (click → first RTP)', 'answer', 'ms');
  add('cold start (navigation → Signed in)', 'cold', 'ms', 0);
  add('  to the mounted app (its own Signed in)', 'appCold', 'ms', 0);
  add('renderer CPU in call (% of a core)', 'cpu', '%');
  add('renderer USS in call', 'uss', 'MB');
  const slopeA = heapSlope(samples.app.heap);
  const slopeB = heapSlope(samples.bare.heap);
  const measured = samples.app.heap.length - WARM_UP;
  if (measured > 0) heapRows(samples, slopeA, slopeB, measured, rows);
  const kb = (b: number) => `${Math.round(b / 1024).toLocaleString('en')} KB`;
  const sa = samples.app.shipped;
  const sb = samples.bare.shipped;
  if (sa && sb) {
    rows.push([
      'JS started before Signed in (most, raw/gzip)',
      `${kb(sa.most.raw)} (${kb(sa.most.gzip)} gzip, ${sa.most.files} files)`,
      `${kb(sb.most.raw)} (${kb(sb.most.gzip)} gzip, ${sb.most.files} files)`,
      sa.most.raw / sb.most.raw,
    ]);
    rows.push([
      '  the median cold start',
      `${kb(sa.medianRaw)} (${kb(sa.medianGzip)} gzip)`,
      `${kb(sb.medianRaw)} (${kb(sb.medianGzip)} gzip)`,
      sa.medianRaw / sb.medianRaw,
    ]);
  }
  const load = summarize(loads);
  const widths = [48, 34, 30, 6];
  console.log(`\nWarmline (built, browser mode, driven through its UI) beside a bare JsSIP 3.13 page, interleaved`);
  console.log(
    `load average (1 min) during the run: median ${load.median.toFixed(2)}, ${load.p10.toFixed(2)}–${load.p90.toFixed(2)}\n`,
  );
  console.log(formatRow(['figure (median, p10–p90)', 'Warmline', 'bare JsSIP', 'ratio'], widths));
  for (const [name, a, b, ratio] of rows) {
    console.log(formatRow([name, a, b, Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '-'], widths));
  }
  if (samples.app.heap.length > WARM_UP) {
    const verdict = slopeA <= HEAP_GOAL_MB && slopeA <= 1.3 * slopeB ? 'met' : 'NOT met';
    const over = samples.app.heap.length - WARM_UP;
    const terms = over === 100 ? '' : ` (judged here over ${over} calls, not the issue's 100)`;
    console.log(
      `(heap goal: at most +${HEAP_GOAL_MB} MB per call over 100 calls and 1.3x the bare page: ${verdict} in this run${terms})`,
    );
  }
  console.log(
    'of which: the same calls, from a heap snapshot before them to one after the last call, per call (self sizes;\n' +
      "a snapshot also counts Blink's objects): JS objects are what calls could leave in the page state, V8 code\n" +
      'grows while functions get optimized, native holds bounded performance-timeline buffers.',
  );
  if (sa && sb) {
    const files = (shipped: Shipped) =>
      shipped.list.map(
        (f) =>
          `    ${f.name.padEnd(34)} ${kb(f.raw).padStart(7)} ${kb(f.gzip).padStart(7)} gzip, asked at ${Math.round(f.startedAt)} ms`,
      );
    console.log(`\nJS whose fetch started before "Signed in" (the cold start that asked for the most):`);
    console.log(['  Warmline', ...files(sa.most), '  bare JsSIP', ...files(sb.most)].join('\n'));
  }
  // Where the CPU in call goes, by thread (Chromium names them): the main thread is 'chromium'.
  const names = [...new Set([...samples.app.threads.keys(), ...samples.bare.threads.keys()])];
  const median = (name: Name, thread: string) => {
    const list = samples[name].threads.get(thread);
    return list ? summarize(list).median : 0;
  };
  console.log(`
renderer CPU in call by thread (median % of a core): thread, Warmline, bare`);
  for (const thread of names.sort((x, y) => median('app', y) - median('app', x))) {
    if (median('app', thread) + median('bare', thread) < 0.05) continue;
    console.log(
      `  ${thread.padEnd(18)} ${median('app', thread).toFixed(1).padStart(5)} ${median('bare', thread).toFixed(1).padStart(5)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
