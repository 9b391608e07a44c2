/**
 * Escalation benchmark (issues 5 and 12): on loopback through Kamailio, a SIP.js customer calls
 * the agent (Warmline's engine and store), the agent consults and completes the transfer (REFER
 * with Replaces). Two targets, interleaved, 20 rounds each: one person's address, and the group
 * address `seniors` that forks to two members (tests/fixtures/kamailio). Measured:
 *   consult → member ringing: the agent asks for the consult → the member's phone has the INVITE;
 *   Complete → customer connected: the agent presses Complete → the first audio packet between
 *   customer and member on their new dialog.
 * Every wait has a timeout, so a transfer that does not land fails the run instead of hanging it.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startKamailio } from '../support/kamailio';
import { serveTestPages } from '../support/test-pages';
import { formatRow, ms, summarize } from './stats';
import { STEP_TIMEOUT_MS, within } from './within';

const ROUNDS = Number(process.env.WARMLINE_BENCH_CALLS ?? 20);
const WARM_UP = 2;

type Target = 'person' | 'queue';

async function main(): Promise<void> {
  const kamailio = await within('Kamailio', startKamailio());
  const pages = await within(
    'the test pages',
    serveTestPages({
      'bench-transfer': 'tests/bench/pages/bench-transfer.ts',
      'far-end': 'tests/support/far-end/sipjs-far-end.ts',
    }),
  );
  const browser = await within('Chromium', launchChromium());
  try {
    const config = (user: string, tone: number, autoAnswer = false) => ({
      wsUrl: kamailio.wsUrl,
      uri: `sip:${user}@${kamailio.domain}`,
      password: kamailio.password,
      toneHz: tone,
      autoAnswer,
    });
    const farEnd = async (user: string, tone: number, autoAnswer: boolean): Promise<Page> => {
      const page = await within(`${user}'s page`, browser.newPage());
      await within(`${user}'s page loaded`, page.goto(pages.url('far-end')));
      await within(
        `${user} registered`,
        page.evaluate((c) => window.farEnd.register(c), config(user, tone, autoAnswer)),
      );
      return page;
    };
    const agent = await within('the agent page', browser.newPage());
    agent.on('pageerror', (e) => console.error('agent page error:', e.message));
    await within('the agent page loaded', agent.goto(pages.url('bench-transfer')));
    await within(
      'the agent signed in',
      agent.evaluate((c) => window.benchTransfer.app.start(c), config('xferapp', 440)),
    );
    const customer = await farEnd('xfercustomer', 1250, false);
    const members: Record<Target, Page[]> = {
      person: [await farEnd('consultee', 880, true)],
      // One member answers by itself; the other rings until the group's answer withdraws it (CANCEL).
      queue: [await farEnd('seniors-1', 880, true), await farEnd('seniors-2', 880, false)],
    };
    const address: Record<Target, string> = {
      person: `sip:consultee@${kamailio.domain}`,
      queue: `sip:seniors@${kamailio.domain}`,
    };

    const ringing: Record<Target, number[]> = { person: [], queue: [] };
    const connected: Record<Target, number[]> = { person: [], queue: [] };
    for (let i = 0; i < (ROUNDS + WARM_UP) * 2; i += 1) {
      const target: Target = i % 2 === 0 ? 'person' : 'queue';
      const candidates = members[target];
      const invitedAt = () =>
        within(
          `${target}: the members' last INVITE times`,
          Promise.all(candidates.map((m) => m.evaluate(() => window.farEnd.state().invitedAt ?? 0))),
        );
      const invitedBefore = await invitedAt();
      const consulted = agent.evaluate((t) => window.benchTransfer.app.answerAndConsult(t), address[target]);
      await within(
        `${target}: the customer's INVITE`,
        customer.evaluate((t) => window.farEnd.call(t), 'sip:xferapp@' + kamailio.domain),
      );
      const consultAt = await within(`${target}: the consult answered`, consulted);
      const invitedAfter = await invitedAt();
      const firstRing = Math.min(...invitedAfter.filter((at, k) => at > (invitedBefore[k] ?? 0)));
      // On the forking group every member rang; the one whose session carries the consult takes the transfer.
      const counts = await within(
        `${target}: the members' session counts`,
        Promise.all(candidates.map((m) => m.evaluate(() => window.farEnd.sessionCount))),
      );
      const heard = Promise.any(
        candidates.map((m, k) => m.evaluate((n) => window.farEnd.firstAudioOnSessionAfter(n, 20_000), counts[k] ?? 0)),
      ).catch(async () => {
        // Say what each side saw: which leg did not get its new session or its audio.
        const seen = await within(
          `${target}: the far ends' state`,
          Promise.all(
            [customer, ...candidates].map((m) =>
              m.evaluate(() => {
                const { session, finalStatus, referTo } = window.farEnd.state();
                return JSON.stringify({ session, finalStatus, referTo, sessions: window.farEnd.sessionCount });
              }),
            ),
          ),
        );
        throw new Error(`round ${i}, ${target}: no audio on the transferred call; customer, members: ${seen.join('; ')}`);
      });
      const asked = await within(
        `${target}: Complete`,
        agent.evaluate(() => window.benchTransfer.app.complete()),
      );
      const first = await within(`${target}: audio between the customer and the member`, heard, 30_000);
      await within(
        `${target}: the agent free`,
        agent.evaluate(() => window.benchTransfer.app.reset()),
      ).catch(async (error: unknown) => {
        const seen = await within(
          'the agent page describing itself',
          agent.evaluate(() => (window.benchTransfer.app as unknown as { describe(): string }).describe()),
        );
        throw new Error(`${String(error)}; agent: ${seen}`);
      });
      // The member that only rang has nothing left to end.
      await within(
        `${target}: the members' hang-up`,
        Promise.all(candidates.map((m) => m.evaluate(() => window.farEnd.hangup().catch(() => undefined)))),
      );
      await within(
        `${target}: the customer's call to end`,
        customer.waitForFunction(() => window.farEnd.state().session === 'Terminated', undefined, {
          timeout: STEP_TIMEOUT_MS + 1_000,
        }),
      );
      if (i >= WARM_UP * 2) {
        ringing[target].push(firstRing - consultAt);
        connected[target].push(first - asked);
      }
    }
    const widths = [42, 26, 26, 8];
    const row = (measure: string, values: Record<Target, number[]>) => {
      const p = summarize(values.person);
      const q = summarize(values.queue);
      return formatRow(
        [
          measure,
          `${ms(p.median)} (${ms(p.p10)}–${ms(p.p90)})`,
          `${ms(q.median)} (${ms(q.p10)}–${ms(q.p90)})`,
          (q.median / p.median).toFixed(2),
        ],
        widths,
      );
    };
    console.log(`\nEscalation benchmark: ${ROUNDS} transfers per target on loopback through Kamailio (median, p10–p90)\n`);
    console.log(formatRow(['measure', "one person's address", 'queue (group, 2 members)', 'ratio'], widths));
    console.log(row('consult → member ringing', ringing));
    console.log(row('Complete → customer connected to member', connected));
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
