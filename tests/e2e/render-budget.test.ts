import { describe, expect, it } from 'vitest';
import { SIP_SERVERS } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { eventually, newUser, rising } from './phone-engine.harness';

/**
 * What React does during a call (issue 19), counted, not timed: the page's clock is Playwright's
 * fake clock, run forward ten seconds at once, and a stand-in for React DevTools' hook counts the
 * commits and the components each one rendered. The talk time writes its own text node, with no
 * render, and so do the assistant's running times (it renders at a stage or a nudge); the consult
 * and wrap-up timers re-render only themselves, and only in a consult or wrap-up; the
 * microphone meter (2.5 times a second) and the quality badge write their own elements or
 * subscribe themselves, so they cannot re-render the phone screen.
 */
declare global {
  interface Window {
    __renders?: number[];
    __timerText?: ChildNode;
  }
}

// React calls onCommitFiberRoot after every commit when this hook exists before it loads. A
// component rendered in a commit has PerformedWork (flag 1) set; a subtree whose child list is the
// previous tree's was skipped, as DevTools reads it.
function countRenders(): void {
  const renders: number[] = [];
  window.__renders = renders;
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  interface Fiber {
    tag: number;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    alternate: Fiber | null;
  }
  const rendered = (first: Fiber | null): number => {
    let n = 0;
    for (let f = first; f; f = f.sibling) {
      const before = f.alternate;
      if (COMPONENT_TAGS.has(f.tag) && (!before || (f.flags & 1) === 1)) n += 1;
      if (!before || f.child !== before.child) n += rendered(f.child);
    }
    return n;
  };
  Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', {
    value: {
      isDisabled: false,
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => renders.push(rendered(root.current.child)),
    },
  });
}

const [, startKamailio] = SIP_SERVERS[0];
const bench = useDeskBench();

describe('React work during a call', () => {
  it('ten seconds of a call commit nothing from the clock, only quality readings, each rendering only the badge', async () => {
    const server = await startKamailio();
    try {
      const user = newUser('agent');
      const page = await bench.browser.newPage();
      try {
        await page.addInitScript(countRenders);
        await page.clock.install();
        await page.goto(bench.app.url);
        await page.getByLabel('Server address (WebSocket)').fill(server.wsUrl);
        await page.getByLabel('SIP address').fill(`sip:${user}@${server.domain}`);
        await page.getByLabel('Password').fill(server.password);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Settings saved.').waitFor();
        await page.getByRole('button', { name: 'Phone', exact: true }).click();
        await eventually(
          () => page.getByTestId('registration').textContent(),
          (t) => t === 'Signed in',
          'registration',
        );

        const far = await bench.customer(server);
        await far.call(`sip:${user}@${server.domain}`);
        await page.getByRole('button', { name: 'Answer' }).click();
        await eventually(
          () => far.state(),
          (s) => s.session === 'Established',
          'customer connected',
        );
        await rising(() => far.inboundBytes(), 'audio from the agent at the customer');
        await page.getByTestId('quality-badge').waitFor({ timeout: 15_000 });

        // From here the page's time moves only when the test moves it.
        await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
        await page.clock.runFor(2_000);
        const timer = () => page.getByTestId('call-timer').textContent();
        const before = await timer();
        // The talk time's text node, to tell whether the ticks changed its data or replaced it.
        await page.evaluate(() => {
          window.__timerText = document.querySelector('[data-testid="call-timer"]')?.firstChild ?? undefined;
        });
        const from = await page.evaluate(() => window.__renders?.length ?? 0);
        for (let second = 0; second < 10; second += 1) await page.clock.runFor(1_000);
        await eventually(timer, (t) => t !== before, 'the talk time moved on with the clock');
        // The same text node with new data: a replaced node is a child-list change of the page, which
        // the focus keeper answers with an animation frame and a layout every second (issue 19).
        expect(
          await page.evaluate(() => window.__timerText === document.querySelector('[data-testid="call-timer"]')?.firstChild),
          'the talk time wrote its text node, not a new one',
        ).toBe(true);
        const renders = await page.evaluate((start) => window.__renders?.slice(start) ?? [], from);

        // The clock: nothing (the talk time and the assistant's on-call time write their own text
        // nodes; the assistant renders at a stage or a nudge, none in these ten seconds, and the
        // consult bar's clock runs only in a consult). The quality log samples every 2 s and publishes
        // a sample only when the badge would show it differently: at most five. A tick a second (ten),
        // the meter (25 times in ten seconds) and a re-render of the whole screen would all show.
        expect(renders.length, `commits in 10 s: ${renders.join(' ')}`).toBeLessThanOrEqual(5);
        expect(Math.max(0, ...renders), `components rendered per commit: ${renders.join(' ')}`).toBeLessThanOrEqual(12);
      } finally {
        await page.close();
      }
    } finally {
      await server.stop();
    }
  });
});
