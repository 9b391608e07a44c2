/**
 * One call to the built app in browser mode as an agent takes it, shared by the benchmark beside a bare
 * JsSIP page and the diagnosis scripts (heap per call, CPU profile in a call): the SIP.js far end
 * calls through Kamailio, the agent's Answer and Ready are clicks in the UI. Every wait has a deadline.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { within } from './within';

export const RINGING_ANSWER = 'section.call-card.incoming button.answer';

/** The far end's INVITE to `target` (a SIP URI). */
export async function farEndCalls(far: Page, target: string): Promise<void> {
  await within(
    `the far end's INVITE to ${target}`,
    far.evaluate((t) => window.farEnd.call(t), target),
  );
}

/** The agent clicks Answer on the ringing card. */
export async function clickAnswer(app: Page, timeoutMs: number): Promise<void> {
  await within('a click on Answer', app.click(RINGING_ANSWER, { timeout: timeoutMs }), timeoutMs + 1_000);
}

/** The far end calls `target`, the agent clicks Answer, and the far end's call is established. */
export async function answeredCall(app: Page, far: Page, target: string, timeoutMs: number): Promise<void> {
  await farEndCalls(far, target);
  await clickAnswer(app, timeoutMs);
  await within(
    'the call established at the far end',
    far.waitForFunction(() => window.farEnd.state().session === 'Established', undefined, { timeout: timeoutMs }),
    timeoutMs + 1_000,
  );
}

/** The far end hangs up, and its call has ended. */
export async function farEndHangsUp(far: Page, timeoutMs: number): Promise<void> {
  await within(
    "the far end's BYE",
    far.evaluate(() => window.farEnd.hangup()),
  );
  await within(
    "the far end's call to end",
    far.waitForFunction(() => window.farEnd.state().session === 'Terminated', undefined, { timeout: timeoutMs }),
    timeoutMs + 1_000,
  );
}

/**
 * After the call: Ready in the after-call form, until the agent state reads available again. The bare
 * JsSIP page has the same form and state line, so this runs the same driver code in both pages.
 */
export async function finishWrapUp(page: Page, timeoutMs: number): Promise<void> {
  const ready = page.getByRole('form', { name: 'After-call work' }).getByRole('button', { name: 'Ready' });
  await within('Ready in the wrap-up form', ready.click({ timeout: timeoutMs }), timeoutMs + 1_000);
  await within(
    'Available after Ready',
    page.locator('[data-testid="agent-state"].agent-state-available').waitFor({ state: 'attached', timeout: timeoutMs }),
    timeoutMs + 1_000,
  );
}

/** Least-squares slope of a series (per step), e.g. the heap after GC over calls. */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return Number.NaN;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** A SIP.js far end in a page of its own (browser context: `opener`), registered as `user`, speaking 1250 Hz. */
export async function registeredFarEnd(
  opener: Pick<Browser, 'newPage'>,
  pages: TestPages,
  server: Pick<Kamailio, 'wsUrl' | 'domain' | 'password'>,
  user: string,
): Promise<Page> {
  const far = await within('the far-end page', opener.newPage());
  far.on('pageerror', (e) => console.error(`far end: page error: ${e.message}`));
  await within('the far-end page loaded', far.goto(pages.url('far-end')));
  await within(
    `the far end registered as ${user}`,
    far.evaluate((o) => window.farEnd.register(o), {
      wsUrl: server.wsUrl,
      uri: `sip:${user}@${server.domain}`,
      password: server.password,
      toneHz: 1250,
    }),
  );
  return far;
}

/** Kamailio, the app's browser-mode host and page signed in as `agent`, and a registered far end. */
export interface CallRig {
  readonly app: Page;
  readonly appContext: BrowserContext;
  readonly far: Page;
  /** The agent's SIP URI, what the far end calls. */
  readonly target: string;
  close(): Promise<void>;
}

export async function startCallRig(agent: string, timeoutMs: number, chromiumArgs: readonly string[] = []): Promise<CallRig> {
  const kamailio = await within('Kamailio', startKamailio());
  const dir = makeTempDir();
  const closers: (() => Promise<void> | void)[] = [() => kamailio.stop(), () => dir.remove()];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    const host = await within('the app host', startAppHost(dir.path));
    closers.push(() => host.close());
    const pages = await within('the test pages', serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' }));
    closers.push(() => pages.close());
    const browser = await within('Chromium', launchChromium(chromiumArgs));
    closers.push(() => browser.close());
    await within(
      'saved settings',
      host.services.handlers.saveSettings({
        serverUrl: kamailio.wsUrl,
        sipUri: `sip:${agent}@${kamailio.domain}`,
        password: kamailio.password,
        displayName: 'Bench Agent',
      }),
    );
    const far = await registeredFarEnd(browser, pages, kamailio, `${agent}-customer`);
    const appContext = await within('a browser context', browser.newContext());
    const app = await within('the app page', appContext.newPage());
    app.on('pageerror', (e) => console.error(`app page error: ${e.message}`));
    await within('the app loaded', app.goto(host.url));
    await within(
      '"Signed in"',
      app.getByTestId('registration').getByText('Signed in', { exact: true }).waitFor({ timeout: timeoutMs }),
      timeoutMs + 1_000,
    );
    return { app, appContext, far, target: `sip:${agent}@${kamailio.domain}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
