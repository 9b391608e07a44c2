/**
 * Phone benchmark (issue 3): on loopback through Debian's Kamailio, a SIP.js far end calls
 * (a) Warmline's engine + store and (b) a bare JsSIP user agent, interleaved, and we measure
 *   1. INVITE handed to the far end's WebSocket → the incoming call visible (the app's store / JsSIP's event)
 *   2. answer → first inbound audio packet (getStats inbound-rtp packetsReceived > 0)
 * Median and p10–p90 of each, and the app/bare ratio of medians (goal: ≤ 1.1). Every wait has a timeout.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startKamailio } from '../support/kamailio';
import { serveTestPages } from '../support/test-pages';
import { registeredFarEnd } from './app-call';
import type { BenchConfig, Timing } from './pages/bench-agent';
import { formatRow, ms, summarize } from './stats';
import { STEP_TIMEOUT_MS, within } from './within';

const CALLS = Number(process.env.WARMLINE_BENCH_CALLS ?? 20);
const WARM_UP = 2;

async function main(): Promise<void> {
  const kamailio = await within('Kamailio', startKamailio());
  const pages = await within(
    'the test pages',
    serveTestPages({
      'bench-agent': 'tests/bench/pages/bench-agent.ts',
      'far-end': 'tests/support/far-end/sipjs-far-end.ts',
    }),
  );
  const browser = await within('Chromium', launchChromium());
  try {
    const agentPage = await within('the agent page', browser.newPage());
    agentPage.on('console', (m) => process.env.WARMLINE_BENCH_DEBUG && console.log('agent:', m.text()));
    agentPage.on('pageerror', (e) => console.error('agent page error:', e.message));
    agentPage.on('crash', () => console.error('agent page crashed'));
    await within('the agent page loaded', agentPage.goto(pages.url('bench-agent')));
    const config = (user: string): BenchConfig => ({
      wsUrl: kamailio.wsUrl,
      uri: `sip:${user}@${kamailio.domain}`,
      password: kamailio.password,
    });
    await within(
      'the app agent registered',
      agentPage.evaluate((c) => window.benchAgent.app.start(c), config('benchapp')),
    );
    await within(
      'the bare agent registered',
      agentPage.evaluate((c) => window.benchAgent.bare.start(c), config('benchbare')),
    );

    const farPage = await registeredFarEnd(browser, pages, kamailio, 'benchcustomer');

    const results = { app: [] as Timing[], bare: [] as Timing[] };
    const sent = { app: [] as number[], bare: [] as number[] };
    for (let i = 0; i < (CALLS + WARM_UP) * 2; i += 1) {
      const variant: 'app' | 'bare' = i % 2 === 0 ? 'app' : 'bare';
      const target = `sip:bench${variant}@${kamailio.domain}`;
      const timing = agentPage.evaluate((v) => window.benchAgent[v].takeNextCall(), variant);
      await within(
        `the far end's INVITE to ${variant}`,
        farPage.evaluate((t) => window.farEnd.call(t), target),
      );
      const t = await within(`${variant}: the call offered, answered and its first audio`, timing);
      const sentAt =
        (await within(
          `the far end's INVITE time`,
          farPage.evaluate(() => window.farEnd.state().inviteSentAt),
        )) ?? Number.NaN;
      await within(
        `${variant}: hang-up`,
        agentPage.evaluate((v) => window.benchAgent[v].hangup(), variant),
      );
      await within(`${variant}: the far end's call to end`, waitTerminated(farPage));
      if (i >= WARM_UP * 2) {
        results[variant].push(t);
        sent[variant].push(sentAt);
      }
    }

    const incoming = (v: 'app' | 'bare') => summarize(results[v].map((t, i) => t.incomingAt - (sent[v][i] ?? 0)));
    const media = (v: 'app' | 'bare') => summarize(results[v].map((t) => t.firstPacketAt - t.answeredAt));
    const widths = [34, 24, 24, 8];
    console.log(`\nPhone benchmark: ${CALLS} calls per variant on loopback through Kamailio (median, p10–p90)\n`);
    console.log(formatRow(['measure', 'Warmline (engine+store)', 'bare JsSIP 3.13', 'ratio'], widths));
    for (const [name, f] of [
      ['INVITE sent → incoming visible', incoming],
      ['answer → first inbound audio', media],
    ] as const) {
      const a = f('app');
      const b = f('bare');
      console.log(
        formatRow(
          [
            name,
            `${ms(a.median)} (${ms(a.p10)}–${ms(a.p90)})`,
            `${ms(b.median)} (${ms(b.p10)}–${ms(b.p90)})`,
            (a.median / b.median).toFixed(2),
          ],
          widths,
        ),
      );
    }
  } finally {
    await browser.close();
    await pages.close();
    await kamailio.stop();
  }
}

async function waitTerminated(page: Page): Promise<void> {
  await page.waitForFunction(() => window.farEnd.state().session === 'Terminated', undefined, {
    timeout: STEP_TIMEOUT_MS + 1_000,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
