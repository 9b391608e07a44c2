/**
 * Diagnosis (not a benchmark, not in `npm run bench`): where the app's cold start goes beside the bare
 * JsSIP page's (issue 19). Interleaved cold starts (WARMLINE_COLD_STARTS, 8; one more each to warm up),
 * a fresh browser context each; for each page the median of: every resource's fetch start and end,
 * the WebSockets' creation and open, the first REGISTER sent and its 200 answered, "Signed in" on
 * screen, and the main thread's long tasks before it (all in ms since navigation start).
 * Two builds side by side (before/after a change, interleaved in one run): copy out/renderer aside, and
 *   WARMLINE_COLD_RENDERERS=before=/tmp/before-renderer,after=out/renderer
 *   npx electron-vite build
 *   unshare --net sh -c 'ip link set lo up && npx tsx tests/bench/cold-profile.ts'
 */
import { launchChromium } from '../support/chromium';
import { createHostServices } from '../../electron/services/host-api/host-services';
import { startWebHost } from '../../electron/web-host/server';
import { RENDERER_DIR } from '../support/app-host';
import { startKamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages } from '../support/test-pages';
import { PROBE_SCRIPT } from './app-vs-bare/probe';
import { summarize } from './stats';
import { within } from './within';

const STARTS = Number(process.env.WARMLINE_COLD_STARTS ?? 8);

const TIMELINE_PROBE = `(() => {
  const marks = {};
  window.__cold = { marks, longTasks: [] };
  const mark = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, ...rest) {
      super(url, ...rest);
      const kind = String(url).includes('/host') ? 'host' : 'sip';
      mark(kind + ' socket created');
      this.addEventListener('open', () => mark(kind + ' socket open'));
      this.addEventListener('message', (e) => {
        mark(kind + ' first message');
        if (typeof e.data === 'string' && /^SIP\\/2.0 200/.test(e.data) && /CSeq:\\s*\\d+ REGISTER/i.test(e.data)) mark('REGISTER 200 in');
        if (typeof e.data === 'string' && /^SIP\\/2.0 401/.test(e.data)) mark('REGISTER 401 in');
      });
    }
    send(data) {
      if (typeof data === 'string' && data.startsWith('REGISTER ')) mark(marks['REGISTER sent'] === undefined ? 'REGISTER sent' : 'REGISTER sent again');
      return super.send(data);
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__cold.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
})();`;

type Row = Map<string, number>;

async function main(): Promise<void> {
  const kamailio = await within('Kamailio', startKamailio());
  const builds = (process.env.WARMLINE_COLD_RENDERERS ?? `app=${RENDERER_DIR}`).split(',').map((pair) => {
    const [name = '', dir = ''] = pair.split('=');
    return { name, dir };
  });
  const hosts = [];
  for (const [i, build] of builds.entries()) {
    const data = makeTempDir();
    const services = createHostServices({
      dataDir: data.path,
      host: 'browser',
      version: 'cold',
      log: { warn() {}, error: console.error },
    });
    const web = await within('a web host', startWebHost({ rendererDir: build.dir, dispatch: services.dispatch, port: 0 }));
    await services.handlers.saveSettings({
      serverUrl: kamailio.wsUrl,
      sipUri: `sip:coldapp${i}@${kamailio.domain}`,
      password: kamailio.password,
      displayName: 'Bench Agent',
    });
    hosts.push({ name: build.name, url: web.url, close: async () => (await web.close(), services.close(), data.remove()) });
  }
  const pages = await serveTestPages({ 'bare-jssip-ui': 'tests/bench/pages/bare-jssip-ui.ts' }, { minify: true });
  const bareUrl = `${pages.url('bare-jssip-ui')}?${new URLSearchParams({ ws: kamailio.wsUrl, uri: `sip:coldbare@${kamailio.domain}`, password: kamailio.password })}`;
  const browser = await launchChromium();
  const variants = [...hosts.map((h) => [h.name, h.url] as const), ['bare', bareUrl] as const];
  const rows: Record<string, Row[]> = Object.fromEntries(variants.map(([name]) => [name, []]));
  try {
    for (let i = 0; i <= STARTS; i += 1) {
      for (const [name, url] of variants) {
        const context = await browser.newContext();
        await context.addInitScript(PROBE_SCRIPT);
        await context.addInitScript(TIMELINE_PROBE);
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForFunction(
          () => (window as unknown as { __bench: { signedInAt?: number } }).__bench.signedInAt,
          undefined,
          {
            timeout: 30_000,
            polling: 10,
          },
        );
        const row = await page.evaluate(() => {
          const w = window as unknown as {
            __bench: { signedInAt: number };
            __cold: { marks: Record<string, number>; longTasks: [number, number][] };
          };
          const out: [string, number][] = [];
          const signed = w.__bench.signedInAt;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          out.push(['html responseEnd', nav.responseEnd]);
          out.push(['domInteractive', nav.domInteractive]);
          out.push(['domContentLoaded end', nav.domContentLoadedEventEnd]);
          for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
            if (e.startTime > signed) continue;
            const file = new URL(e.name).pathname.replace(/^.*\//, '').replace(/-[\w-]{8}\./, '.');
            out.push([`${file} start`, e.startTime]);
            out.push([`${file} end`, e.responseEnd]);
          }
          for (const [k, v] of Object.entries(w.__cold.marks)) out.push([k, v]);
          const before = w.__cold.longTasks.filter(([s]) => s < signed);
          out.push(['long tasks before (ms total)', before.reduce((a, [, d]) => a + d, 0)]);
          before.forEach(([s, d], n) => {
            out.push([`long task ${n + 1} start`, s]);
            out.push([`long task ${n + 1} duration`, d]);
          });
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          if (paint) out.push(['first-contentful-paint', paint.startTime]);
          out.push(['Signed in', signed]);
          return out;
        });
        if (i > 0) rows[name]?.push(new Map(row));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await pages.close();
    for (const h of hosts) await h.close();
    await kamailio.stop();
  }
  for (const [name] of variants) {
    console.log(`\n${name} (median ms since navigation start, ${rows[name]?.length} starts)`);
    const keys = new Map<string, number[]>();
    for (const row of rows[name] ?? []) for (const [k, v] of row) keys.set(k, [...(keys.get(k) ?? []), v]);
    const lines = [...keys].map(([k, v]) => [k, summarize(v).median, v.length] as const).sort((a, b) => a[1] - b[1]);
    for (const [k, m, n] of lines)
      console.log(`  ${m.toFixed(1).padStart(7)}  ${k}${n < (rows[name]?.length ?? 0) ? ` (${n}x)` : ''}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
