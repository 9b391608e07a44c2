import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { prepareHostData, startHostProcess, type HostData, type HostProcess } from '../support/host-process';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { agentState, answeredCall, callEnds, readyToAvailable, remainingMs, signedIn } from './desk-actions';
import { useDeskBench } from './desk-bench';
import { eventually, newUser } from './phone-engine.harness';

/**
 * "Nothing is lost": the agent types wrap-up notes and the app is killed with SIGKILL at an
 * arbitrary moment — the host process (the memory: SQLite) or the renderer process (the phone and
 * the form) — and started again. Every character typed at least the save bound (200 ms) before
 * the kill is back, nothing that was not typed appears, the countdown goes on from where it was,
 * and no call is offered until the agent is Ready.
 */
const SAVE_BOUND_MS = 200;
// Letters, markup, Nordic letters, emoji: every keystroke is one character of the notes.
const NOTES = 'Refund <b>240 €</b> promised — æøå ÆØÅ, ñ; call back Tuesday 🙂 and confirm by e-mail, ticket 4711.';

let server: SipTestServer;
const bench = useDeskBench();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A desk whose host is a separate process, with the agent's settings and an encrypted password. */
async function desk(): Promise<{ user: string; data: HostData; host: HostProcess }> {
  const dir = makeTempDir();
  cleanups.push(() => dir.remove());
  const user = newUser('agent');
  const data = await prepareHostData(dir.path, {
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: 'Ana Agent',
    wrapUpSeconds: 120,
  });
  const host = await startHostProcess(data);
  cleanups.push(() => host.stop());
  return { user, data, host };
}

async function openAgent(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  cleanups.push(() => page.close().catch(() => {}));
  await page.goto(url);
  return page;
}

/**
 * Types the notes one character at a time and runs `kill` part-way, at a moment picked at random.
 * Returns when each character had been typed, and when the kill happened.
 */
async function typeAndKill(page: Page, kill: () => Promise<void>): Promise<{ typedAt: number[]; killedAt: number }> {
  const notes = page.getByRole('form', { name: 'After-call work' }).getByLabel('Notes');
  await notes.click();
  const chars = Array.from(NOTES);
  const killAfter = 20 + Math.floor(Math.random() * (chars.length - 30));
  const typedAt: number[] = [];
  for (const [i, ch] of chars.entries()) {
    if (i === killAfter) break;
    await page.keyboard.type(ch);
    typedAt.push(Date.now());
    await page.waitForTimeout(15 + Math.floor(Math.random() * 40));
  }
  const killedAt = Date.now();
  await kill();
  return { typedAt, killedAt };
}

/** `kill -9` of every renderer process of `browser` (the agent's window only: a browser of its own). */
async function killRenderers(browser: Browser, page: Page): Promise<void> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  expect(renderers.length).toBeGreaterThan(0);
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  for (const pid of renderers) process.kill(pid, 'SIGKILL');
  await crashed;
}

/** The restored notes are what was typed, at least up to the save bound before the kill. */
function expectNotesSurvived(restored: string, { typedAt, killedAt }: { typedAt: number[]; killedAt: number }): void {
  const typed = Array.from(NOTES).slice(0, typedAt.length).join('');
  const surely = typedAt.filter((at) => at <= killedAt - SAVE_BOUND_MS).length;
  expect(typed.startsWith(restored)).toBe(true);
  expect(Array.from(restored).length).toBeGreaterThanOrEqual(surely);
}

async function readyAndCheck(page: Page, user: string): Promise<void> {
  // Still in wrap-up after the restart: a customer calling now is refused, not offered.
  await signedIn(page);
  expect(await agentState(page)).toBe('Status: After-call work');
  const far = await bench.customer(server);
  await far.call(`sip:${user}@${server.domain}`);
  await eventually(
    () => far.state(),
    (s) => s.finalStatus === 486,
    '486 during the restored wrap-up',
  );
  await readyToAvailable(page);
}

describe.each(SIP_SERVERS.slice(0, 1))('wrap-up survives kill -9 (%s)', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('kill -9 of the host process while the agent types: a new host brings back every saved character and the time left', async () => {
    const { user, data, host } = await desk();
    let page = await openAgent(bench.browser, host.url);
    await signedIn(page);
    await callEnds(bench, server, page, user);
    const before = await eventually(
      () => remainingMs(page),
      (ms) => ms !== undefined,
      'countdown',
    );

    const typing = await typeAndKill(page, () => host.kill9());
    await page.close();
    const again = await startHostProcess(data);
    cleanups.push(() => again.stop());
    page = await openAgent(bench.browser, again.url);

    const form = page.getByRole('form', { name: 'Unfinished wrap-up' });
    await form.waitFor();
    expectNotesSurvived(await form.getByLabel('Notes').inputValue(), typing);
    const left = await eventually(
      () => remainingMs(page),
      (ms) => ms !== undefined,
      'countdown after the restart',
    );
    expect(left).toBeLessThanOrEqual(before ?? 0);
    expect(left).toBeGreaterThan(0);
    await readyAndCheck(page, user);
  });

  it('kill -9 of the renderer process while the agent types: a new window brings back every saved character', async () => {
    const { user, host } = await desk();
    // The agent's window in a browser of its own, so its renderer processes are the only ones there.
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    let page = await openAgent(browser, host.url);
    await signedIn(page);
    await callEnds(bench, server, page, user);

    const typing = await typeAndKill(page, () => killRenderers(browser, page));

    page = await openAgent(browser, host.url);
    const form = page.getByRole('form', { name: 'Unfinished wrap-up' });
    await form.waitFor();
    expectNotesSurvived(await form.getByLabel('Notes').inputValue(), typing);
    await readyAndCheck(page, user);
  });

  it('kill -9 of the renderer during the call: the notes typed on the call are shown in the new window until dismissed', async () => {
    const { user, host } = await desk();
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    let page = await openAgent(browser, host.url);
    await signedIn(page);
    await answeredCall(bench, server, page, user);
    const callNotes = page.locator('.call-notes textarea');
    await callNotes.click();
    const typed = 'Wants a refund of 240 € — æøå\nline two <b>as typed</b>';
    await page.keyboard.type(typed.replace('\n', ''), { delay: 5 });
    await page.waitForTimeout(SAVE_BOUND_MS);
    await killRenderers(browser, page);

    page = await openAgent(browser, host.url);
    const recovered = page.getByTestId('interrupted-notes');
    await recovered.waitFor();
    expect(await recovered.getByRole('heading').textContent()).toContain('Ana Reyes');
    expect(await recovered.locator('.interrupted-notes-text').textContent()).toBe(typed.replace('\n', ''));
    await recovered.getByRole('button', { name: 'I have these notes: remove' }).click();
    await recovered.waitFor({ state: 'detached' });
    await page.reload();
    await signedIn(page);
    expect(await page.getByTestId('interrupted-notes').count()).toBe(0);
  });
});
