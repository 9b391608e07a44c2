/**
 * Where the heap goes per call (issue 19): the built app in browser mode takes calls through its UI
 * (a SIP.js far end calls through Kamailio on loopback; the agent clicks Answer, the far end hangs up,
 * the agent clicks Ready), and two heap snapshots after a forced GC, one at call FROM and one at call TO,
 * are compared through the DevTools protocol. Objects in the second snapshot that were not in the first
 * (V8 keeps an object's snapshot id for its life) and survived are what calls leave behind: printed by
 * constructor with count and bytes per call, each with one retaining path to a GC root, so the holder can
 * be fixed. Also the least-squares slope of the heap after GC over all calls, and over FROM..CALLS.
 *
 * Not part of `npm test` or `npm run bench` (a diagnosis, minutes long): run it in a loopback namespace,
 *   npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/heap-per-call.ts'
 * Code is also listed by function (heap-snapshot.ts `codeGrowthByFunction`): with WARMLINE_HEAP_JS_FLAGS set to
 * '--trace-opt --trace-deopt' and DEBUG=pw:browser, V8's log says when and why each was compiled (a diagnosis
 * only: every renderer writes to the browser's stdout; tell pages apart by the addresses' upper half).
 * Last, the growth per call between each two snapshots by kind (heap-snapshot.ts `sizeByKind`): V8's
 * compiled code, Blink's native objects, and the JS objects the app's state is made of.
 * Environment: WARMLINE_HEAP_FROM (20), WARMLINE_HEAP_TO (100), WARMLINE_HEAP_CALLS (calls in all, at least TO;
 * default TO), WARMLINE_HEAP_MORE (more calls to take a snapshot after, comma-separated, e.g. 60,150),
 * WARMLINE_HEAP_TALK_MS (500), WARMLINE_HEAP_SAVE (a folder to keep the snapshots in, to open in DevTools),
 * WARMLINE_HEAP_TRACE (more groups to trace, comma-separated parts of their names).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { answeredCall, farEndHangsUp, finishWrapUp, slope, startCallRig } from './app-call';
import { heapAfterGc, heapSnapshotJson } from './heap-capture';
import {
  codeGrowthByFunction,
  growthByGroup,
  kindGrowthPerCall,
  newCodeByScript,
  newObjectsByGroup,
  parseSnapshot,
  retainingPath,
  sizeByKind,
  type Group,
  type SizeByKind,
  type Snapshot,
} from './heap-snapshot';
import { within } from './within';

/** Nothing here is timed: waits are long, so a loaded machine slows the run instead of failing it. */
const STEP_TIMEOUT_MS = 60_000;

const FROM = Number(process.env.WARMLINE_HEAP_FROM ?? 20);
const TO = Number(process.env.WARMLINE_HEAP_TO ?? 100);
const CALLS = Math.max(TO, Number(process.env.WARMLINE_HEAP_CALLS ?? TO));
const TALK_MS = Number(process.env.WARMLINE_HEAP_TALK_MS ?? 500);
/** More calls after which to take a snapshot (comma-separated), e.g. 60,150: the growth by kind between each two. */
const MORE = (process.env.WARMLINE_HEAP_MORE ?? '')
  .split(',')
  .filter((n) => n !== '')
  .map(Number);
/** Where to keep the snapshots, for Chromium's DevTools (Memory, Load profile; Comparison view). */
const SAVE_DIR = process.env.WARMLINE_HEAP_SAVE;
/** Also a retaining path for each grown group whose name holds one of these (comma-separated), e.g. MediaStream. */
const TRACE = (process.env.WARMLINE_HEAP_TRACE ?? '').split(',').filter((name) => name !== '');
/** V8 flags for the browser, a diagnosis only (e.g. --trace-opt --trace-deopt; Chromium logs them on its stdout). */
const JS_FLAGS = process.env.WARMLINE_HEAP_JS_FLAGS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function snapshot(cdp: CDPSession): Promise<Snapshot> {
  await heapAfterGc(cdp);
  const json = await heapSnapshotJson(cdp);
  if (SAVE_DIR) writeFileSync(join(SAVE_DIR, `heap-${Date.now()}.heapsnapshot`), json);
  return parseSnapshot(json);
}

async function oneCall(app: Page, far: Page, target: string): Promise<void> {
  await answeredCall(app, far, target, STEP_TIMEOUT_MS);
  await sleep(TALK_MS);
  await farEndHangsUp(far, STEP_TIMEOUT_MS);
  await finishWrapUp(app, STEP_TIMEOUT_MS);
}

async function main(): Promise<void> {
  const rig = await startCallRig('heapapp', STEP_TIMEOUT_MS, JS_FLAGS ? [`--js-flags=${JS_FLAGS}`] : []);
  try {
    const { app, far, target } = rig;
    const cdp = await within('a DevTools session', rig.appContext.newCDPSession(app));
    const heap: number[] = [];
    let first: Snapshot | undefined;
    let last: Snapshot | undefined;
    /** Every snapshot's sizes by kind, by the call it was taken after. */
    const kinds: Taken[] = [];
    const started = performance.now();
    for (let call = 1; call <= CALLS; call += 1) {
      await oneCall(app, far, target);
      if (call === FROM || call === TO || MORE.includes(call)) {
        const taken = await snapshot(cdp);
        const dom = await within('the DOM counters', cdp.send('Memory.getDOMCounters'));
        kinds.push({ call, sizes: sizeByKind(taken), dom });
        if (call === FROM) first = taken;
        if (call === TO) last = taken;
      }
      heap.push(await heapAfterGc(cdp));
      if (call % 10 === 0) {
        const at = ` heap after GC ${((heap.at(-1) ?? 0) / 2 ** 20).toFixed(3)} MB`;
        console.log(`  ${call} calls (${((performance.now() - started) / 1000).toFixed(0)} s)${at}`);
      }
    }
    if (!first || !last) throw new Error('no snapshots');
    report(first, last, heap);
    reportKinds(kinds);
  } finally {
    await rig.close();
  }
}

function report(first: Snapshot, last: Snapshot, heap: readonly number[]): void {
  const calls = TO - FROM;
  const mb = (b: number) => (b / 2 ** 20).toFixed(4);
  console.log(`\nHeap after GC: call ${FROM} ${mb(first.totalSize)} MB, call ${TO} ${mb(last.totalSize)} MB`);
  console.log(
    `per call: snapshot difference ${mb((last.totalSize - first.totalSize) / calls)} MB; ` +
      `least-squares slope of getHeapUsage over calls 1..${CALLS} ${mb(slope(heap))} MB, ` +
      `over calls ${FROM}..${CALLS} ${mb(slope(heap.slice(FROM - 1)))} MB`,
  );
  console.log(`heap after GC by call (MB): ${heap.map((b) => (b / 2 ** 20).toFixed(3)).join(' ')}`);
  const table = (groups: readonly Group[]) => {
    console.log('bytes/call  count/call  group (snapshot type: constructor or name)');
    for (const g of groups.slice(0, 25)) {
      console.log(`${(g.size / calls).toFixed(0).padStart(10)}  ${(g.count / calls).toFixed(2).padStart(10)}  ${g.group}`);
    }
  };
  const grown = growthByGroup(first, last);
  // V8's compiled code (JIT, bytecode, feedback) grows while functions warm up; it is not what calls keep.
  const codeGrowth = grown.filter((g) => g.group.startsWith('code:')).reduce((a, g) => a + g.size, 0);
  const otherGrowth = last.totalSize - first.totalSize - codeGrowth;
  console.log(
    `snapshot difference per call: code (JIT, bytecode, feedback) ${mb(codeGrowth / calls)} MB, ` +
      `everything else ${mb(otherGrowth / calls)} MB`,
  );
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
  // By function: a function compiled again and again (a deopt loop, code made per call) would lead this list;
  // functions tiered up once (baseline, then Maglev, then Turbofan) are V8 warming up.
  console.log(`\nCode, bytecode and feedback grown from call ${FROM} to call ${TO}, by function (later minus earlier):`);
  console.log("bytes/call  objects  script  function (minified names are the bundle's)");
  for (const f of codeGrowthByFunction(first, last).slice(0, 30)) {
    const script =
      f.script === undefined ? '(no function found)' : f.script === '' ? '(evaluated script)' : f.script.replace(/^.*\//, '');
    console.log(
      `${(f.size / calls).toFixed(0).padStart(10)}  ${String(f.count).padStart(7)}  ${script}  ${f.name || '(anonymous)'}`,
    );
  }
  console.log('\nOne retaining path for each of the most grown groups (object ← holder ← … ← GC root):');
  const traced = grown.filter((g, i) => i >= 10 && TRACE.some((name) => g.group.includes(name)));
  for (const g of [...grown.slice(0, 10), ...traced]) {
    const sample = born.find((b) => b.group === g.group)?.sample ?? g.sample;
    console.log(`\n${g.group}:\n  ${retainingPath(last, sample).join('\n  ← ')}`);
  }
}

/** A snapshot's sizes by kind and Blink's DOM counters, after the call it was taken after. */
interface Taken {
  readonly call: number;
  readonly sizes: SizeByKind;
  readonly dom: { documents: number; nodes: number; jsEventListeners: number };
}

/** Growth by kind between each two snapshots: what calls keep (js), Blink's (native), V8 warming up (code). */
function reportKinds(kinds: readonly Taken[]): void {
  console.log(
    '\nGrowth per call by kind between snapshots (bytes/call): calls, code, native, js, all; ' +
      'then DOM nodes and JS event listeners at the later one',
  );
  for (let i = 1; i < kinds.length; i += 1) {
    const [a, b] = [kinds[i - 1]!, kinds[i]!];
    const g = kindGrowthPerCall(a.sizes, b.sizes, b.call - a.call);
    const cell = (n: number) => n.toFixed(0).padStart(8);
    const all = g.code + g.native + g.js;
    const dom = `${b.dom.nodes} nodes, ${b.dom.jsEventListeners} listeners (at ${a.call}: ${a.dom.nodes}, ${a.dom.jsEventListeners})`;
    console.log(`  ${`${a.call}..${b.call}`.padEnd(9)} ${cell(g.code)} ${cell(g.native)} ${cell(g.js)} ${cell(all)}  ${dom}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
