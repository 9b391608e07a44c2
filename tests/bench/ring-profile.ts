/**
 * Diagnosis (not a benchmark, not in `npm run bench`): where the app's ring-to-UI and answer-to-audio
 * time goes (issue 19). Rings the built app N times (WARMLINE_RING_CALLS, 8; one more to warm up);
 * for each: the far end's INVITE → its arrival on the page's WebSocket → the ringing card in the DOM →
 * the next frame, and Answer's click → the 200 OK leaving → the first inbound RTP, with the long
 * tasks after the click; then a CPU profile (Profiler, 0.1 ms) over the rings and over Answer → RTP
 * + 300 ms, self time per call by function (a native shows the two functions that called it).
 *   WARMLINE_UNMINIFIED=1 npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/ring-profile.ts'
 */
import type { CDPSession } from 'playwright-core';
import { clickAnswer, farEndCalls, farEndHangsUp, finishWrapUp, startCallRig } from './app-call';
import { PROBE_SCRIPT } from './app-vs-bare/probe';
import { within } from './within';

const STEP = 60_000;
const CALLS = Number(process.env.WARMLINE_RING_CALLS ?? 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const WS_PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__ring = { wsAt: undefined, frameAt: undefined, longTasks: [] };
  const add = WebSocket.prototype.addEventListener;
  const wrap = (fn) => function (e) {
    if (typeof e.data === 'string' && e.data.startsWith('INVITE ')) window.__ring.wsAt = now();
    return fn.call(this, e);
  };
  WebSocket.prototype.addEventListener = function (type, fn, ...rest) {
    return add.call(this, type, type === 'message' && typeof fn === 'function' ? wrap(fn) : fn, ...rest);
  };
  const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    set(fn) { desc.set.call(this, typeof fn === 'function' ? wrap(fn) : fn); },
    get() { return desc.get.call(this); },
  });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.startsWith('SIP/2.0 200') && /CSeq:\\s*\\d+ INVITE/i.test(data)) window.__ring.okAt = now();
    return send.call(this, data);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__ring.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: false });
})();`;

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const nameOf = (f: ProfileNode['callFrame']) =>
  f.url ? `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : f.functionName;

function addSelf(into: Map<string, number>, profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    let name = nameOf(f);
    if (!f.url && f.functionName && !f.functionName.startsWith('(')) {
      // A native: say which of our functions called it (two levels).
      const p1 = parent.get(id);
      const p2 = p1 === undefined ? undefined : parent.get(p1);
      name += ` <- ${[p1, p2].map((x) => (x === undefined ? '' : nameOf(byId.get(x)!.callFrame))).join(' <- ')}`;
    }
    into.set(name, (into.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
}

function printTop(title: string, self: Map<string, number>, calls: number): void {
  const busy = [...self].filter(([n]) => n !== '(idle)' && n !== '(program)');
  const total = busy.reduce((a, [, us]) => a + us, 0);
  console.log(
    `\n${title}: JS+GC ${(total / 1000 / calls).toFixed(2)} ms per call; (program) ${((self.get('(program)') ?? 0) / 1000 / calls).toFixed(2)} ms`,
  );
  for (const [name, us] of busy.sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`  ${(us / 1000 / calls).toFixed(2).padStart(7)} ms  ${name}`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const rig = await startCallRig('ringapp', STEP);
  try {
    const { app, far, target } = rig;
    await app.addInitScript(PROBE_SCRIPT);
    await app.addInitScript(WS_PROBE);
    await within('reload with probes', app.reload());
    await within(
      '"Signed in"',
      app.getByTestId('registration').getByText('Signed in', { exact: true }).waitFor({ timeout: STEP }),
    );
    await sleep(3_000);
    const cdp: CDPSession = await rig.appContext.newCDPSession(app);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const ringSelf = new Map<string, number>();
    const answerSelf = new Map<string, number>();
    const rows: { net: number; app: number; frame: number; answer: number; ok: number; longAfterClick: number }[] = [];
    for (let i = 0; i < CALLS + 1; i += 1) {
      await app.evaluate(() => {
        const w = window as unknown as {
          __bench: { armRing(): void };
          __ring: { wsAt?: number; frameAt?: number; longTasks: unknown[] };
        };
        w.__bench.armRing();
        w.__ring.wsAt = undefined;
        w.__ring.frameAt = undefined;
        w.__ring.longTasks = [];
        const watch = new MutationObserver(() => {
          if (document.querySelector('section.call-card.incoming')) {
            watch.disconnect();
            requestAnimationFrame(() => (w.__ring.frameAt = performance.timeOrigin + performance.now()));
          }
        });
        watch.observe(document.body, { childList: true, subtree: true });
      });
      await cdp.send('Profiler.start');
      await farEndCalls(far, target);
      await app.waitForFunction(() => (window as unknown as { __ring: { frameAt?: number } }).__ring.frameAt, undefined, {
        timeout: STEP,
      });
      const ringProfile = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const sentAt = await far.evaluate(() => window.farEnd.state().inviteSentAt ?? Number.NaN);
      await sleep(500);
      await cdp.send('Profiler.start');
      await clickAnswer(app, STEP);
      await app.waitForFunction(() => (window as unknown as { __bench: { firstRtpAt?: number } }).__bench.firstRtpAt, undefined, {
        timeout: STEP,
        polling: 10,
      });
      await sleep(300);
      const answerProfile = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const t = await app.evaluate(() => {
        const w = window as unknown as {
          __bench: { ringAt: number; clickAt: number; firstRtpAt: number };
          __ring: { wsAt: number; frameAt: number; okAt: number; longTasks: [number, number][] };
        };
        return { ...w.__bench, ...w.__ring };
      });
      if (i > 0) {
        addSelf(ringSelf, ringProfile.profile);
        addSelf(answerSelf, answerProfile.profile);
        const afterClick = t.longTasks.filter(([s]) => s >= t.clickAt - 1 && s <= t.firstRtpAt).reduce((a, [, d]) => a + d, 0);
        rows.push({
          net: t.wsAt - sentAt,
          app: t.ringAt - t.wsAt,
          frame: t.frameAt - t.ringAt,
          answer: t.firstRtpAt - t.clickAt,
          ok: t.okAt - t.clickAt,
          longAfterClick: afterClick,
        });
        console.log(
          `call ${i}: INVITE→ws ${(t.wsAt - sentAt).toFixed(1)} ms, ws→card ${(t.ringAt - t.wsAt).toFixed(1)} ms, card→frame ${(t.frameAt - t.ringAt).toFixed(1)} ms; ` +
            `answer→200 ${(t.okAt - t.clickAt).toFixed(1)} ms, answer→RTP ${(t.firstRtpAt - t.clickAt).toFixed(1)} ms, long tasks after click ${afterClick.toFixed(0)} ms ${JSON.stringify(t.longTasks.map(([s, d]) => [Math.round(s - t.clickAt), Math.round(d)]))}`,
        );
      }
      await farEndHangsUp(far, STEP);
      await finishWrapUp(app, STEP);
      await sleep(500);
    }
    const col = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k])).toFixed(1);
    console.log(
      `\nmedians: INVITE→ws ${col('net')}, ws→card ${col('app')}, card→frame ${col('frame')}, answer→200 ${col('ok')}, answer→RTP ${col('answer')}, long tasks after click ${col('longAfterClick')}`,
    );
    printTop('ring (far end INVITE → next frame after the card)', ringSelf, CALLS);
    printTop('answer (click → RTP + 300 ms)', answerSelf, CALLS);
  } finally {
    await rig.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
