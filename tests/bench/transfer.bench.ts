/**
 * Escalation benchmark (issue 5): on loopback through Kamailio, a SIP.js customer calls the agent,
 * the agent consults a SIP.js colleague and completes the transfer (REFER with Replaces). We time
 * the agent's Complete → the first audio packet between customer and colleague on their new dialog,
 * for Warmline's engine + store and for bare JsSIP doing the same, interleaved, 20 rounds each.
 */
import { launchChromium } from '../support/chromium';
import { startKamailio } from '../support/kamailio';
import { serveTestPages } from '../support/test-pages';
import { formatRow, ms, summarize } from './stats';

const ROUNDS = Number(process.env.WARMLINE_BENCH_CALLS ?? 20);
const WARM_UP = 2;

async function main(): Promise<void> {
  const kamailio = await startKamailio();
  const pages = await serveTestPages({
    'bench-transfer': 'tests/bench/pages/bench-transfer.ts',
    'far-end': 'tests/support/far-end/sipjs-far-end.ts',
  });
  const browser = await launchChromium();
  try {
    const config = (user: string, tone: number, autoAnswer = false) => ({
      wsUrl: kamailio.wsUrl,
      uri: `sip:${user}@${kamailio.domain}`,
      password: kamailio.password,
      toneHz: tone,
      autoAnswer,
    });
    const agent = await browser.newPage();
    agent.on('pageerror', (e) => console.error('agent page error:', e.message));
    await agent.goto(pages.url('bench-transfer'));
    await agent.evaluate((c) => window.benchTransfer.app.start(c), config('xferapp', 440));
    await agent.evaluate((c) => window.benchTransfer.bare.start(c), config('xferbare', 440));
    const customer = await browser.newPage();
    await customer.goto(pages.url('far-end'));
    await customer.evaluate((c) => window.farEnd.register(c), config('xfercustomer', 1250));
    const consultee = await browser.newPage();
    await consultee.goto(pages.url('far-end'));
    await consultee.evaluate((c) => window.farEnd.register(c), config('consultee', 880, true));

    const results = { app: [] as number[], bare: [] as number[] };
    for (let i = 0; i < (ROUNDS + WARM_UP) * 2; i += 1) {
      const variant: 'app' | 'bare' = i % 2 === 0 ? 'app' : 'bare';
      const ready = agent.evaluate(([v, t]) => window.benchTransfer[v].answerAndConsult(t), [
        variant,
        `sip:consultee@${kamailio.domain}`,
      ] as const);
      await customer.evaluate((t) => window.farEnd.call(t), `sip:xfer${variant}@${kamailio.domain}`);
      await ready;
      const before = await consultee.evaluate(() => window.farEnd.sessionCount);
      const heard = consultee.evaluate((n) => window.farEnd.firstAudioOnSessionAfter(n), before);
      const asked = await agent.evaluate((v) => window.benchTransfer[v].complete(), variant);
      const first = await heard;
      await agent.evaluate((v) => window.benchTransfer[v].reset(), variant);
      await consultee.evaluate(() => window.farEnd.hangup());
      await customer.waitForFunction(() => window.farEnd.state().session === 'Terminated', undefined, { timeout: 15_000 });
      if (i >= WARM_UP * 2) results[variant].push(first - asked);
    }
    const a = summarize(results.app);
    const b = summarize(results.bare);
    const widths = [36, 26, 26, 8];
    console.log(`\nEscalation benchmark: ${ROUNDS} transfers per variant on loopback through Kamailio (median, p10–p90)\n`);
    console.log(formatRow(['measure', 'Warmline (engine+store)', 'bare JsSIP 3.13', 'ratio'], widths));
    console.log(
      formatRow(
        [
          'Complete → customer↔colleague audio',
          `${ms(a.median)} (${ms(a.p10)}–${ms(a.p90)})`,
          `${ms(b.median)} (${ms(b.p10)}–${ms(b.p90)})`,
          (a.median / b.median).toFixed(2),
        ],
        widths,
      ),
    );
  } finally {
    await browser.close();
    await pages.close();
    await kamailio.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
