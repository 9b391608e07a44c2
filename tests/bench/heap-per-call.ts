/**
 * Where the heap goes per call (issue 19): the built app in browser mode takes calls through its UI
 * (a SIP.js far end calls through Kamailio on loopback; the agent clicks Answer, the far end hangs up,
 * the agent clicks Ready), and two heap snapshots after a forced GC, one at call FROM and one at call TO,
 * are compared through the DevTools protocol. Objects in the second snapshot that were not in the first
 * (V8 keeps an object's snapshot id for its life) and survived are what calls leave behind: printed by
 * constructor with count and bytes per call, each with one retaining path to a GC root, so the holder can
 * be fixed. Also the least-squares slope of the heap after GC over the calls FROM..TO.
 *
 * Not part of `npm test` or `npm run bench` (a diagnosis, minutes long): run it in a loopback namespace,
 *   npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/heap-per-call.ts'
 * Environment: WARMLINE_HEAP_FROM (20), WARMLINE_HEAP_TO (100), WARMLINE_HEAP_TALK_MS (500), WARMLINE_HEAP_SAVE
 * (a folder to keep both snapshots in, to open in DevTools).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages } from '../support/test-pages';
import {
  growthByGroup,
  newCodeByScript,
  newObjectsByGroup,
  parseSnapshot,
  retainingPath,
  type Group,
  type Snapshot,
} from './heap-snapshot';
import { within } from './within';

/** Nothing here is timed: waits are long, so a loaded machine slows the run instead of failing it. */
const STEP_TIMEOUT_MS = 60_000;

const FROM = Number(process.env.WARMLINE_HEAP_FROM ?? 20);
const TO = Number(process.env.WARMLINE_HEAP_TO ?? 100);
const TALK_MS = Number(process.env.WARMLINE_HEAP_TALK_MS ?? 500);
/** Where to keep the two snapshots, for Chromium's DevTools (Memory, Load profile; Comparison view). */
const SAVE_DIR = process.env.WARMLINE_HEAP_SAVE;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  // Twice: the first pass can leave objects whose finalizers free more.
  await within('a garbage collection', cdp.send('HeapProfiler.collectGarbage'));
  await within('a garbage collection', cdp.send('HeapProfiler.collectGarbage'));
  return (await within('the heap size', cdp.send('Runtime.getHeapUsage'))).usedSize;
}

async function snapshot(cdp: CDPSession): Promise<Snapshot> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await heapAfterGc(cdp);
  await within('a heap snapshot', cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }), 120_000);
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const json = chunks.join('');
  if (SAVE_DIR) writeFileSync(join(SAVE_DIR, `heap-${Date.now()}.heapsnapshot`), json);
  return parseSnapshot(json);
}

async function oneCall(app: Page, far: Page, target: string): Promise<void> {
  await within(
    "the far end's INVITE",
    far.evaluate((t) => window.farEnd.call(t), target),
  );
  await within(
    'a click on Answer',
    app.click('section.call-card.incoming button.answer', { timeout: STEP_TIMEOUT_MS }),
    STEP_TIMEOUT_MS + 1_000,
  );
  await within(
    'the call established at the far end',
    far.waitForFunction(() => window.farEnd.state().session === 'Established', undefined, {
      timeout: STEP_TIMEOUT_MS,
    }),
    STEP_TIMEOUT_MS + 1_000,
  );
  await sleep(TALK_MS);
  await within(
    "the far end's BYE",
    far.evaluate(() => window.farEnd.hangup()),
  );
  const ready = app.getByRole('form', { name: 'After-call work' }).getByRole('button', { name: 'Ready' });
  await within('Ready in the wrap-up form', ready.click({ timeout: STEP_TIMEOUT_MS }), STEP_TIMEOUT_MS + 1_000);
  await within(
    'Available after Ready',
    app.waitForFunction(
      () => (window as unknown as { warmlineState(): { agent: { kind: string } } }).warmlineState().agent.kind === 'available',
      undefined,
      { timeout: STEP_TIMEOUT_MS },
    ),
    STEP_TIMEOUT_MS + 1_000,
  );
}

function slope(ys: readonly number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

async function main(): Promise<void> {
  const kamailio = await within('Kamailio', startKamailio());
  const dir = makeTempDir();
  let host: AppHost | undefined;
  const pages = await within('the test pages', serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' }));
  const browser = await within('Chromium', launchChromium());
  try {
    host = await within('the app host', startAppHost(dir.path));
    await within(
      'saved settings',
      host.services.handlers.saveSettings({
        serverUrl: kamailio.wsUrl,
        sipUri: `sip:heapapp@${kamailio.domain}`,
        password: kamailio.password,
        displayName: 'Heap Agent',
      }),
    );
    const far = await within('the far-end page', browser.newPage());
    await within('the far-end page loaded', far.goto(pages.url('far-end')));
    await within(
      'the far end registered',
      far.evaluate((o) => window.farEnd.register(o), {
        wsUrl: kamailio.wsUrl,
        uri: `sip:heapcustomer@${kamailio.domain}`,
        password: kamailio.password,
        toneHz: 1250,
      }),
    );
    const context = await within('a browser context', browser.newContext());
    const app = await within('the app page', context.newPage());
    app.on('pageerror', (e) => console.error(`app page error: ${e.message}`));
    await within('the app loaded', app.goto(host.url));
    await within(
      '"Signed in"',
      app.getByTestId('registration').getByText('Signed in', { exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS }),
      STEP_TIMEOUT_MS + 1_000,
    );
    const cdp = await within('a DevTools session', context.newCDPSession(app));
    const target = `sip:heapapp@${kamailio.domain}`;
    const heap: number[] = [];
    let first: Snapshot | undefined;
    let last: Snapshot | undefined;
    const started = performance.now();
    for (let call = 1; call <= TO; call += 1) {
      await oneCall(app, far, target);
      if (call === FROM) first = await snapshot(cdp);
      if (call === TO) last = await snapshot(cdp);
      if (call >= FROM) heap.push(await heapAfterGc(cdp));
      if (call % 10 === 0) {
        const at = call >= FROM ? ` heap after GC ${((heap.at(-1) ?? 0) / 2 ** 20).toFixed(3)} MB` : '';
        console.log(`  ${call} calls (${((performance.now() - started) / 1000).toFixed(0)} s)${at}`);
      }
    }
    if (!first || !last) throw new Error('no snapshots');
    report(first, last, heap);
  } finally {
    await browser.close();
    await pages.close();
    await host?.close();
    dir.remove();
    await kamailio.stop();
  }
}

function report(first: Snapshot, last: Snapshot, heap: readonly number[]): void {
  const calls = TO - FROM;
  const mb = (b: number) => (b / 2 ** 20).toFixed(4);
  console.log(`\nHeap after GC: call ${FROM} ${mb(first.totalSize)} MB, call ${TO} ${mb(last.totalSize)} MB`);
  console.log(
    `per call: snapshot difference ${mb((last.totalSize - first.totalSize) / calls)} MB, ` +
      `least-squares slope of getHeapUsage over calls ${FROM}..${TO} ${mb(slope(heap))} MB`,
  );
  const table = (groups: readonly Group[]) => {
    console.log('bytes/call  count/call  group (snapshot type: constructor or name)');
    for (const g of groups.slice(0, 25)) {
      console.log(`${(g.size / calls).toFixed(0).padStart(10)}  ${(g.count / calls).toFixed(2).padStart(10)}  ${g.group}`);
    }
  };
  const grown = growthByGroup(first, last);
  console.log(`\nWhat grew from call ${FROM} to call ${TO} (all objects of a group, later minus earlier):`);
  table(grown);
  const born = newObjectsByGroup(first, last);
  const total = born.reduce((a, g) => a + g.size, 0);
  console.log(
    `\nObjects born after call ${FROM} and alive at call ${TO} (growth and churn): ${mb(total)} MB, ${mb(total / calls)} MB per call`,
  );
  table(born);
  console.log(`\nCode, bytecode and feedback born after call ${FROM} and alive at call ${TO}, by script:`);
  for (const c of newCodeByScript(first, last).slice(0, 10)) {
    console.log(`${(c.size / calls).toFixed(0).padStart(10)} bytes/call  ${c.script}`);
  }
  console.log('\nOne retaining path for each of the most grown groups (object ← holder ← … ← GC root):');
  for (const g of grown.slice(0, 10)) {
    const sample = born.find((b) => b.group === g.group)?.sample ?? g.sample;
    console.log(`\n${g.group}:\n  ${retainingPath(last, sample).join('\n  ← ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
