/**
 * What the app's renderer threads run during a call (issue 19: CPU in call), from a Chromium trace:
 * the built app in browser mode takes a call through its UI and, after a few seconds of talking, is
 * traced for WARMLINE_TRACE_MS (10000). Printed per second of call for the renderer's main thread and
 * compositor: the busy time of top-level tasks, and the events under them by name (timers, script,
 * style, layout, paint, frames), so a change to what draws in a call shows as frames and milliseconds.
 *
 * Not part of `npm test` or `npm run bench` (a diagnosis): run it in a loopback namespace,
 *   npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/trace-in-call.ts'
 * Environment: WARMLINE_TRACE_MS (10000), WARMLINE_TRACE_SAVE (a file for the trace, for chrome://tracing or Perfetto).
 */
import { writeFileSync } from 'node:fs';
import { answeredCall, farEndHangsUp, finishWrapUp, startCallRig } from './app-call';
import { RendererProcesses } from './app-vs-bare/process-stats';

const STEP_TIMEOUT_MS = 60_000;
const TRACE_MS = Number(process.env.WARMLINE_TRACE_MS ?? 10_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

async function main(): Promise<void> {
  const rig = await startCallRig('traceapp', STEP_TIMEOUT_MS);
  try {
    const { app, far, target } = rig;
    const browser = app.context().browser()!;
    const processes = await RendererProcesses.attach(browser);
    const pid = await processes.rendererOf('the app', app);
    for (let call = 0; call < 2; call += 1) {
      await answeredCall(app, far, target, STEP_TIMEOUT_MS);
      await sleep(2_000);
      if (call === 1) {
        await browser.startTracing(undefined, {
          categories: [
            'toplevel',
            'devtools.timeline',
            'disabled-by-default-devtools.timeline.frame',
            'blink',
            'cc',
            'benchmark',
          ],
        });
        await sleep(TRACE_MS);
        const buffer = await browser.stopTracing();
        if (process.env.WARMLINE_TRACE_SAVE) writeFileSync(process.env.WARMLINE_TRACE_SAVE, buffer);
        report(JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }, pid);
      }
      await farEndHangsUp(far, STEP_TIMEOUT_MS);
      await finishWrapUp(app, STEP_TIMEOUT_MS);
    }
  } finally {
    await rig.close();
  }
}

function report(trace: { traceEvents: TraceEvent[] }, pid: number): void {
  const events = trace.traceEvents.filter((e) => e.pid === pid);
  const threadNames = new Map<number, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadNames.set(e.tid, e.args.name);
  const seconds = TRACE_MS / 1000;
  for (const [tid, thread] of threadNames) {
    const complete = events.filter((e) => e.tid === tid && e.ph === 'X' && e.dur !== undefined);
    if (complete.length === 0) continue;
    const top = complete.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
    const busy = top.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
    console.log(`\n${thread}: ${top.length / seconds} tasks/s, busy ${(busy / seconds).toFixed(2)} ms/s`);
    const byName = new Map<string, { count: number; ms: number }>();
    for (const e of complete) {
      const entry = byName.get(e.name) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += (e.dur ?? 0) / 1000;
      byName.set(e.name, entry);
    }
    for (const [name, { count, ms }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
      console.log(`  ${(ms / seconds).toFixed(2).padStart(7)} ms/s ${(count / seconds).toFixed(1).padStart(6)}/s  ${name}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
