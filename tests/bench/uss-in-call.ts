/**
 * Where the renderer's memory goes in a call (issue 19: renderer USS in call), the built app in
 * browser mode beside the bare JsSIP page, each in a call through Kamailio: the process's private
 * memory by mapping (/proc/<pid>/smaps: anonymous, heap, libraries, fonts, shared memory), the JS
 * heap and DOM counters (DevTools), and Chromium's own memory-infra dump by allocator (malloc,
 * partition_alloc, v8, blink_gc, web_audio, ...). The app is measured in its call, then the bare
 * page in its own; both pages stay open, so the same browser holds both.
 *
 * Not part of `npm test` or `npm run bench` (a diagnosis): run it in a loopback namespace,
 *   npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/uss-in-call.ts'
 * Environment: WARMLINE_USS_HOLD_MS (3000): how long into each call it measures;
 * WARMLINE_USS_VARIANT: the app's page with a part taken away (no-css, default-font, no-stats,
 * no-intl, no-audio-context, small-window, no-phone-numbers; comma-separated), to rank what its memory is for by elimination.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { clickAnswer, farEndCalls, farEndHangsUp, finishWrapUp, registeredFarEnd } from './app-call';
import { RendererProcesses, ussBytes } from './app-vs-bare/process-stats';
import { PROBE_SCRIPT } from './app-vs-bare/probe';
import { heapSnapshotJson } from './heap-capture';
import { growthByGroup, parseSnapshot, type Snapshot } from './heap-snapshot';
import { STEP_TIMEOUT_MS as STEP_TIMEOUT, within } from './within';

/** Keeps every AudioContext the page makes, to tell how many it holds and in which state. */
const AUDIO_CONTEXTS = `(() => {
  const made = (window.__audioContexts = []);
  const Original = window.AudioContext;
  window.AudioContext = class extends Original {
    constructor(...args) { super(...args); made.push(this); }
  };
  const pcs = (window.__peerConnections = []);
  const PC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends PC {
    constructor(...args) { super(...args); pcs.push(this); }
  };
  const streams = (window.__streams = []);
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (c) => { const s = await open(c); streams.push(s); return s; };
})();`;

const NO_AUDIO_CONTEXT = `(() => {
  const node = () => ({ connect() {}, disconnect() {}, fftSize: 512, getFloatTimeDomainData(b) { b.fill(0); } });
  window.AudioContext = class { constructor() { window.__audioContexts?.push(this); this.state = 'running'; }
    createMediaStreamSource() { return node(); } createAnalyser() { return node(); }
    async close() { this.state = 'closed'; } async resume() {} };
})();`;

/**
 * Experiments on the app's page only (WARMLINE_USS_VARIANT, comma-separated), to rank what its
 * memory is for by elimination: each takes one part away and the difference is its cost.
 */
const VARIANT_SCRIPTS: Record<string, string> = {
  // No quality readings: getStats answers an empty report (the quality badge stays empty).
  'no-stats': `RTCPeerConnection.prototype.getStats = function () { return Promise.resolve(new Map()); };`,
  // No Intl formatters or segmenters (ICU's data and objects): each is made as a stand-in that formats plainly.
  'no-intl': `(() => {
    const plain = class { constructor() {} format(v) { return String(v); } formatToParts(v) { return [{ type: 'literal', value: String(v) }]; }
      resolvedOptions() { return { locale: 'en' }; } segment(t) { return [...t].map((segment, index) => ({ segment, index })); } select() { return 'other'; } };
    for (const name of ['DateTimeFormat', 'NumberFormat', 'Segmenter', 'ListFormat', 'RelativeTimeFormat', 'Collator']) Intl[name] = plain;
  })();`,
};
const VARIANTS = (process.env.WARMLINE_USS_VARIANT ?? '').split(',').filter(Boolean);
for (const v of VARIANTS)
  if (!(v in VARIANT_SCRIPTS) && !['no-css', 'default-font', 'no-audio-context', 'small-window', 'no-phone-numbers'].includes(v))
    throw new Error(`WARMLINE_USS_VARIANT: unknown ${v}`);

const HOLD_MS = Number(process.env.WARMLINE_USS_HOLD_MS ?? 3_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 2 ** 20;

/** Private (unique) kB by kind of mapping, from /proc/<pid>/smaps. */
function privateByMapping(pid: number): Map<string, number> {
  const byKind = new Map<string, number>();
  let kind = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      kind = mappingKind(header[1] ?? '');
      continue;
    }
    const priv = /^Private_(?:Clean|Dirty):\s+(\d+) kB/.exec(line);
    if (priv) byKind.set(kind, (byKind.get(kind) ?? 0) + Number(priv[1]) * 1024);
  }
  return byKind;
}

function mappingKind(name: string): string {
  if (name === '') return 'anonymous';
  if (name.startsWith('[anon:')) return name;
  if (name.startsWith('[')) return name;
  if (/\/dev\/shm|memfd:|SYSV/.test(name)) return 'shared memory (memfd, shm)';
  if (/\.(ttf|otf|ttc|pfb)$/i.test(name)) return 'fonts';
  if (/\.so(\.|$)|\/chromium\/|\/chrome\b/.test(name)) return 'code and libraries';
  return `file ${name.split('/').slice(-2).join('/')}`;
}

/** Every process's memory-infra dump, by allocator (top level), in bytes. */
async function memoryInfra(browser: Browser): Promise<Map<number, Map<string, number>>> {
  const cdp = await browser.newBrowserCDPSession();
  const events: { ph: string; pid: number; name: string; args?: { dumps?: { allocators?: Record<string, unknown> } } }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['disabled-by-default-memory-infra'],
      excludedCategories: ['*'],
      memoryDumpConfig: { triggers: [] },
    } as never,
    transferMode: 'ReportEvents',
  });
  const dumped = await cdp.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' } as never);
  if (!dumped.success) console.error('memory-infra: the dump did not succeed');
  await cdp.send('Tracing.end');
  await within('the memory-infra trace', done);
  await cdp.detach();
  const byPid = new Map<number, Map<string, number>>();
  for (const event of events) {
    const allocators = event.ph === 'v' ? event.args?.dumps?.allocators : undefined;
    if (!allocators) continue;
    const sizes = byPid.get(event.pid) ?? new Map<string, number>();
    for (const [name, dump] of Object.entries(allocators)) {
      // Top-level allocators and their first level, e.g. "partition_alloc/partitions/buffer".
      const depth = name.split('/').length;
      // Shared memory regions and interned names by their hash: too many to read, their parent sums them.
      if (depth > 3 || (depth > 1 && /\/(__)?[0-9A-Fa-f]{16,}/.test(name))) continue;
      const size = (dump as { attrs?: { size?: { value?: string } } }).attrs?.size?.value;
      if (size !== undefined) sizes.set(name, parseInt(size, 16));
    }
    byPid.set(event.pid, sizes);
  }
  return byPid;
}

async function heapSnapshot(cdp: CDPSession): Promise<Snapshot> {
  return parseSnapshot(await heapSnapshotJson(cdp));
}

interface Figures {
  uss: number;
  snapshot?: Snapshot;
  mappings: Map<string, number>;
  heap: { usedSize: number; totalSize: number };
  dom: { documents: number; nodes: number; jsEventListeners: number };
  audioElements: number;
  hiddenNodes: number;
  allocators?: Map<string, number>;
}

async function measure(page: Page, cdp: CDPSession, pid: number, browser: Browser): Promise<Figures> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const audioElements = await page.evaluate(() => document.querySelectorAll('audio').length);
  // DOM kept alive but hidden (React's <Activity mode="hidden"> sets display: none on its top elements).
  const hiddenNodes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.style.display === 'none')
      .reduce((sum, e) => sum + 1 + e.querySelectorAll('*').length, 0),
  );
  const infra = await memoryInfra(browser);
  const figures: Figures = { uss: ussBytes(pid), mappings: privateByMapping(pid), heap, dom, audioElements, hiddenNodes };
  const allocators = infra.get(pid);
  if (allocators) figures.allocators = allocators;
  else console.error(`memory-infra: no dump for pid ${pid} (dumped: ${[...infra.keys()].join(', ')})`);
  if (process.env.WARMLINE_USS_HEAP === '1') figures.snapshot = await heapSnapshot(cdp);
  return figures;
}

function print(app: Figures, bare: Figures): void {
  const row = (name: string, a: number, b: number) =>
    console.log(
      `  ${name.padEnd(52)} ${mb(a).toFixed(2).padStart(8)} ${mb(b).toFixed(2).padStart(8)} ${mb(a - b)
        .toFixed(2)
        .padStart(8)}`,
    );
  console.log(`\nrenderer in a call (MB): part, Warmline, bare, difference`);
  row('USS (private clean + dirty)', app.uss, bare.uss);
  console.log(`\n private memory by mapping (smaps)`);
  const kinds = [...new Set([...app.mappings.keys(), ...bare.mappings.keys()])];
  kinds.sort((x, y) => (app.mappings.get(y) ?? 0) - (app.mappings.get(x) ?? 0));
  for (const k of kinds) {
    const a = app.mappings.get(k) ?? 0;
    const b = bare.mappings.get(k) ?? 0;
    if (a + b >= 64 * 1024) row(k, a, b);
  }
  console.log(`\n JS heap and DOM (after a forced GC)`);
  row('JS heap used', app.heap.usedSize, bare.heap.usedSize);
  row('JS heap total', app.heap.totalSize, bare.heap.totalSize);
  console.log(
    `  DOM: documents ${app.dom.documents} / ${bare.dom.documents}, nodes ${app.dom.nodes} / ${bare.dom.nodes}, JS listeners ${app.dom.jsEventListeners} / ${bare.dom.jsEventListeners}, <audio> ${app.audioElements} / ${bare.audioElements}, elements hidden (display: none) ${app.hiddenNodes} / ${bare.hiddenNodes}`,
  );
  if (app.allocators && bare.allocators) {
    if (app.snapshot && bare.snapshot) {
      console.log(`\n JS heap by kind (V8 snapshot, self sizes): what the app holds beyond the bare page, largest first`);
      for (const g of growthByGroup(bare.snapshot, app.snapshot).slice(0, 25)) {
        console.log(`  ${g.group.slice(0, 60).padEnd(62)} ${String(g.count).padStart(7)} ${mb(g.size).toFixed(3).padStart(8)}`);
      }
    }
    console.log(`\n memory-infra by allocator (size; sub-allocators indented)`);
    const names = [...new Set([...app.allocators.keys(), ...bare.allocators.keys()])].sort();
    for (const n of names) {
      const a = app.allocators.get(n) ?? 0;
      const b = bare.allocators.get(n) ?? 0;
      if (a + b < 128 * 1024) continue;
      row(`${'  '.repeat(n.split('/').length - 1)}${n}`, a, b);
    }
  }
}

async function main(): Promise<void> {
  const kamailio: Kamailio = await within('Kamailio', startKamailio());
  const dir = makeTempDir();
  let host: AppHost | undefined;
  let pages: TestPages | undefined;
  let browser: Browser | undefined;
  try {
    host = await within('the app host', startAppHost(dir.path));
    await within(
      'saved settings',
      host.services.handlers.saveSettings({
        serverUrl: kamailio.wsUrl,
        sipUri: `sip:ussapp@${kamailio.domain}`,
        password: kamailio.password,
        displayName: 'Bench Agent',
      }),
    );
    pages = await within(
      'the test pages',
      serveTestPages(
        { 'bare-jssip-ui': 'tests/bench/pages/bare-jssip-ui.ts', 'far-end': 'tests/support/far-end/sipjs-far-end.ts' },
        { minify: true },
      ),
    );
    const bareUrl = `${pages.url('bare-jssip-ui')}?${new URLSearchParams({ ws: kamailio.wsUrl, uri: `sip:ussbare@${kamailio.domain}`, password: kamailio.password })}`;
    browser = await within('Chromium', launchChromium());
    const processes = await RendererProcesses.attach(browser);
    const far = await registeredFarEnd(await browser.newContext(), pages, kamailio, 'usscustomer');
    const open = async (name: string, url: string) => {
      const variants = name === 'app' ? VARIANTS : [];
      const context = await browser!.newContext({
        bypassCSP: process.env.WARMLINE_USS_NO_SHADOW === '1',
        // Less to paint: the same page in a window of 320 x 240 (the bare page keeps the default 1280 x 720).
        ...(variants.includes('small-window') ? { viewport: { width: 320, height: 240 } } : {}),
      });
      await context.addInitScript(PROBE_SCRIPT);
      await context.addInitScript(AUDIO_CONTEXTS);
      // An experiment: the app without Web Audio (its microphone meter's AudioContext does nothing).
      if (process.env.WARMLINE_USS_NO_AUDIO_CONTEXT === '1' || variants.includes('no-audio-context'))
        await context.addInitScript(NO_AUDIO_CONTEXT);
      for (const v of variants) if (VARIANT_SCRIPTS[v]) await context.addInitScript(VARIANT_SCRIPTS[v]);
      // No style sheets at all; or the browser's default font (as the bare page has) in place of the app's font stack.
      // No phone-number parsing: libphonenumber's chunk (the customer pop normalises each caller's number) is not served.
      if (variants.includes('no-phone-numbers')) await context.route(/\/(normalise|remote-number)-[^/]*\.js$/, (r) => r.abort());
      if (variants.includes('no-css')) await context.route('**/*.css', (r) => r.fulfill({ contentType: 'text/css', body: '' }));
      if (variants.includes('default-font'))
        await context.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
          const s = document.createElement('style'); s.textContent = '*, ::before, ::after { font-family: initial !important; font-weight: normal !important; }';
          document.head.append(s); });`);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`${name}: page error: ${e.message}`));
      await within(`${name} navigation`, page.goto(url));
      // An experiment: no blurred shadows (Skia caches each blur mask).
      if (process.env.WARMLINE_USS_NO_SHADOW === '1') await page.addStyleTag({ content: '* { box-shadow: none !important; }' });
      await within(
        `"Signed in" on the ${name} page`,
        page.waitForFunction(() => (window as unknown as { __bench: { signedInAt?: number } }).__bench.signedInAt, undefined, {
          timeout: STEP_TIMEOUT,
        }),
      );
      return { page, cdp: await context.newCDPSession(page), pid: await processes.rendererOf(name, page) };
    };
    const app = await open('app', host.url);
    const bare = await open('bare', bareUrl);
    const inCall = async (p: typeof app, user: string, after: (page: Page) => Promise<void>): Promise<Figures> => {
      // One call first: lazy views, JIT and audio start as they do for every later call.
      for (let i = 0; i < 2; i += 1) {
        await farEndCalls(far, `sip:${user}@${kamailio.domain}`);
        await clickAnswer(p.page, STEP_TIMEOUT);
        // The app's microphone meter over the hold: its highest level (Chromium's fake microphone beeps).
        let meter = 0;
        for (let t = 0; t < HOLD_MS; t += 100) {
          const level = await p.page.evaluate(() => document.querySelector('.mic-level')?.getAttribute('aria-valuenow'));
          meter = Math.max(meter, Number(level ?? 0));
          await sleep(100);
        }
        if (user === 'ussapp') console.log(`the app's microphone meter in call ${i + 1}: highest level ${meter} of 100`);
        if (i === 1) {
          const figures = await measure(p.page, p.cdp, p.pid, browser!);
          console.log(
            `${user} in call: ${await p.page.evaluate(() => {
              const w = window as unknown as {
                __peerConnections: RTCPeerConnection[];
                __streams: MediaStream[];
                __audioContexts: AudioContext[];
              };
              const pcs = w.__peerConnections.filter((pc) => pc.connectionState !== 'closed').length;
              const tracks = w.__streams.flatMap((st) => st.getTracks()).filter((t) => t.readyState === 'live').length;
              const contexts = w.__audioContexts.filter((c) => c.state !== 'closed').length;
              return `${pcs} open RTCPeerConnections (${w.__peerConnections.length} made), ${tracks} live microphone tracks (${w.__streams.length} streams), ${contexts} open AudioContexts`;
            })}`,
          );
          if (process.env.WARMLINE_USS_EXPERIMENTS === '1') {
            await p.page.evaluate(() =>
              Promise.all(
                ((window as unknown as { __audioContexts?: AudioContext[] }).__audioContexts ?? []).map((c) =>
                  c.state === 'closed' ? undefined : c.close(),
                ),
              ),
            );
            await sleep(1_000);
            const closed = await measure(p.page, p.cdp, p.pid, browser!);
            await p.cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
            await sleep(1_000);
            const pressed = await measure(p.page, p.cdp, p.pid, browser!);
            console.log(
              `\n${user}: in call ${mb(figures.uss).toFixed(2)} MB; its AudioContexts closed ${mb(closed.uss).toFixed(2)} MB; then critical memory pressure ${mb(pressed.uss).toFixed(2)} MB`,
            );
            print(figures, pressed);
          }
          await farEndHangsUp(far, STEP_TIMEOUT);
          await after(p.page);
          return figures;
        }
        await farEndHangsUp(far, STEP_TIMEOUT);
        await after(p.page);
      }
      throw new Error('unreachable');
    };
    await sleep(HOLD_MS);
    const appIdle = await measure(app.page, app.cdp, app.pid, browser);
    const bareIdle = await measure(bare.page, bare.cdp, bare.pid, browser);
    if (process.env.WARMLINE_USS_EXPERIMENTS === '2') {
      // What painting the page costs: the same page with nothing to paint.
      await app.page.evaluate(() => document.documentElement.style.setProperty('display', 'none'));
      await sleep(2_000);
      const unpainted = await measure(app.page, app.cdp, app.pid, browser);
      console.log('\n=== signed in: the app painting nothing (html display: none) beside the app as it is ===');
      print(unpainted, appIdle);
      await app.page.evaluate(() => document.documentElement.style.removeProperty('display'));
    }
    if (VARIANTS.length > 0) console.log(`the app's page as variant: ${VARIANTS.join(', ')}`);
    const appFigures = await inCall(app, 'ussapp', (page) => finishWrapUp(page, STEP_TIMEOUT));
    const bareFigures = await inCall(bare, 'ussbare', (page) => finishWrapUp(page, STEP_TIMEOUT));
    console.log('\n=== signed in, before any call ===');
    print(appIdle, bareIdle);
    console.log('\n=== in a call (the second) ===');
    print(appFigures, bareFigures);
    const contexts = await app.page.evaluate(() =>
      ((window as unknown as { __audioContexts?: AudioContext[] }).__audioContexts ?? []).map(
        (c) => `${c.state} ${c.sampleRate} Hz`,
      ),
    );
    console.log(`\nthe app's AudioContexts so far: ${contexts.length} (${contexts.join(', ')})`);
    console.log(`\nload average: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  } finally {
    await browser?.close();
    await pages?.close();
    await host?.close();
    dir.remove();
    await kamailio.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
