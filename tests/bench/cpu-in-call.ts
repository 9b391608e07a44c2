/**
 * What the app's renderer does during a call (issue 19: renderer CPU in call): the built app in browser
 * mode takes a call through its UI, and over a few seconds of talking this prints the renderer process's
 * CPU (all threads, from /proc, before the profiler starts), the main thread's time by kind (Performance.getMetrics: script, layout,
 * style), React commits per second, and a JavaScript CPU profile (Profiler domain) by function, self
 * time first. Built unminified (WARMLINE_UNMINIFIED=1), the functions keep their names.
 *
 * Not part of `npm test` or `npm run bench` (a diagnosis): run it in a loopback namespace,
 *   WARMLINE_UNMINIFIED=1 npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/cpu-in-call.ts'
 * Environment: WARMLINE_PROFILE_MS (5000), WARMLINE_PROFILE_SAVE (a file for the .cpuprofile, for DevTools).
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { answeredCall, farEndHangsUp, finishWrapUp, startCallRig } from './app-call';
import { cpuSeconds, cpuSecondsByThread, RendererProcesses } from './app-vs-bare/process-stats';
import { within } from './within';

const STEP_TIMEOUT_MS = 60_000;
const PROFILE_MS = Number(process.env.WARMLINE_PROFILE_MS ?? 5_000);
const SAVE = process.env.WARMLINE_PROFILE_SAVE;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts React commits through the hook React DOM calls when DevTools are present, and microphone streams. */
const COMMIT_COUNTER = `(() => {
  window.__benchCommits = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, isDisabled: false, renderers: new Map(),
    inject() { return 1; }, checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot() { window.__benchCommits += 1; },
  };
  // Every microphone stream the page opened, to count the tracks still live (capturing) when idle.
  window.__benchStreams = [];
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (c) => {
    const stream = await open(c);
    window.__benchStreams.push(stream);
    return stream;
  };
})();`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await within('the page metrics', cdp.send('Performance.getMetrics'));
  return new Map(list.map((m) => [m.name, m.value]));
}

async function main(): Promise<void> {
  const rig = await startCallRig('cpuapp', STEP_TIMEOUT_MS);
  try {
    const { app, far, target } = rig;
    await app.addInitScript(COMMIT_COUNTER);
    await within('the app reloaded with the commit counter', app.reload());
    await within(
      '"Signed in" after the reload',
      app.getByTestId('registration').getByText('Signed in', { exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS }),
      STEP_TIMEOUT_MS + 1_000,
    );
    const processes = await RendererProcesses.attach(app.context().browser()!);
    const pid = await processes.rendererOf('the app', app);
    const cdp = await rig.appContext.newCDPSession(app);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const oneCall = async (during: () => Promise<void>) => {
      await answeredCall(app, far, target, STEP_TIMEOUT_MS);
      await sleep(1_000);
      await during();
      await farEndHangsUp(far, STEP_TIMEOUT_MS);
      await finishWrapUp(app, STEP_TIMEOUT_MS);
    };
    const before = await measure(cdp, pid, app);
    await oneCall(async () => {
      await sleep(500); // warm-up: lazy views, JIT
    });
    const idle = await measure(cdp, pid, app);
    let inCall: Measured | undefined;
    await oneCall(async () => {
      inCall = await measure(cdp, pid, app);
    });
    console.log(`\nSigned in, before any call:`);
    print(before, false);
    console.log(`\nSigned in and idle after a call:`);
    print(idle!, false);
    console.log(`\nDuring a call:`);
    print(inCall!, true);
  } finally {
    await rig.close();
  }
}

interface Measured {
  cpuPercent: number;
  /** % of a core per thread name, busiest first. */
  threads: [string, number][];
  commitsPerSecond: number;
  perSecond: Map<string, number>;
  profile: Profile;
  liveMicrophoneTracks: number;
}

async function measure(cdp: CDPSession, pid: number, app: Page): Promise<Measured> {
  const m0 = await metrics(cdp);
  const commits0 = await app.evaluate(() => (window as unknown as { __benchCommits: number }).__benchCommits);
  // The renderer's CPU first, without the profiler: its sampling thread runs in the same process.
  const c0 = cpuSeconds(pid);
  const byThread0 = cpuSecondsByThread(pid);
  const t0 = performance.now();
  await sleep(PROFILE_MS);
  const elapsed = (performance.now() - t0) / 1000;
  const cpuPercent = ((cpuSeconds(pid) - c0) / elapsed) * 100;
  const threads = [...cpuSecondsByThread(pid)]
    .map(([name, s]): [string, number] => [name, ((s - (byThread0.get(name) ?? 0)) / elapsed) * 100])
    .filter(([, percent]) => percent > 0)
    .sort((a, b) => b[1] - a[1]);
  await cdp.send('Profiler.start');
  await sleep(PROFILE_MS);
  const { profile } = (await within('the CPU profile', cdp.send('Profiler.stop'))) as unknown as { profile: Profile };
  const seconds = (performance.now() - t0) / 1000;
  const m1 = await metrics(cdp);
  const commits1 = await app.evaluate(() => (window as unknown as { __benchCommits: number }).__benchCommits);
  const perSecond = new Map<string, number>();
  for (const key of [
    'TaskDuration',
    'ScriptDuration',
    'LayoutDuration',
    'RecalcStyleDuration',
    'LayoutCount',
    'RecalcStyleCount',
  ]) {
    perSecond.set(key, ((m1.get(key) ?? 0) - (m0.get(key) ?? 0)) / seconds);
  }
  const liveMicrophoneTracks = await app.evaluate(
    () =>
      (window as unknown as { __benchStreams: MediaStream[] }).__benchStreams
        .flatMap((s) => s.getTracks())
        .filter((t) => t.readyState === 'live').length,
  );
  return {
    cpuPercent,
    threads,
    commitsPerSecond: (commits1 - commits0) / seconds,
    perSecond,
    profile,
    liveMicrophoneTracks,
  };
}

function print(m: Measured, save: boolean): void {
  const ms = (key: string) => ((m.perSecond.get(key) ?? 0) * 1000).toFixed(1);
  console.log(`  renderer process CPU (all threads): ${m.cpuPercent.toFixed(1)} % of a core`);
  console.log(`  by thread: ${m.threads.map(([name, p]) => `${name} ${p.toFixed(1)}`).join(', ')}`);
  console.log(
    `  main thread per second: tasks ${ms('TaskDuration')} ms, script ${ms('ScriptDuration')} ms, layout ${ms('LayoutDuration')} ms ` +
      `(${(m.perSecond.get('LayoutCount') ?? 0).toFixed(1)}), style ${ms('RecalcStyleDuration')} ms (${(m.perSecond.get('RecalcStyleCount') ?? 0).toFixed(1)})`,
  );
  console.log(`  React commits per second: ${m.commitsPerSecond.toFixed(1)}; live microphone tracks: ${m.liveMicrophoneTracks}`);
  if (save && SAVE) writeFileSync(SAVE, JSON.stringify(m.profile));
  const { nodes, samples, timeDeltas } = m.profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
  const total = timeDeltas.reduce((a, b) => a + b, 0);
  const grouped = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    const name = f.url ? `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : f.functionName;
    grouped.set(name, (grouped.get(name) ?? 0) + us);
  }
  const seconds = total / 1e6;
  console.log(`  JS profile: ${seconds.toFixed(1)} s sampled; self time per second of call, top 25:`);
  for (const [name, us] of [...grouped].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${(us / 1000 / seconds).toFixed(2).padStart(8)} ms/s  ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
