import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../shared/settings';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { agentState, callEnds, remainingMs, signedIn } from './desk-actions';
import { useDeskBench } from './desk-bench';
import { eventually, newUser, type FarEndDriver } from './phone-engine.harness';

/**
 * After-call work end to end: the real app (browser host, built renderer, real SQLite file) signed
 * in to Kamailio and to the lab server, a SIP.js customer calling in. The wrap-up form is filled
 * in as an agent would, and survives the app host being stopped mid-ACW.
 */
let server: SipTestServer;
const bench = useDeskBench();

async function configure(user: string, extra: SettingsPatch = {}): Promise<void> {
  await bench.app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: 'Ana Agent',
    ...extra,
  });
}

async function openApp(): Promise<Page> {
  return bench.openApp({ width: 1280, height: 900 });
}

const customer = (): Promise<FarEndDriver> => bench.customer(server);

// Every kind of character an agent types: markup, accents, Danish and Norwegian letters, quotes, emoji, line breaks.
const NOTES = 'Kundin <b>Ana</b> "Reyes" — æøå ÆØÅ ñ ü\nRefund 240 € promised; call back Tue 🙂\n\tend & done';

describe.each(SIP_SERVERS)('wrap-up against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a call ends, the agent sees the countdown, writes notes, picks a disposition and is Available after Ready', async () => {
    const user = newUser('agent');
    await configure(user);
    const page = await openApp();
    await signedIn(page);
    await callEnds(bench, server, page, user);

    const form = page.getByRole('form', { name: 'After-call work' });
    await form.waitFor();
    const left = await eventually(
      () => remainingMs(page),
      (ms) => ms !== undefined,
      'countdown shown',
    );
    expect(left).toBeGreaterThan(20_000);
    expect(left).toBeLessThanOrEqual(30_000);
    await form.getByText('Call with Ana Reyes').waitFor();

    await form.getByLabel('Notes').fill(NOTES);
    await form.getByLabel('Disposition').selectOption('resolved');
    await form.getByRole('button', { name: /^Extend \+30 s/ }).click();
    await eventually(
      () => remainingMs(page),
      (ms) => ms !== undefined && ms > 40_000,
      'extended by 30 s',
    );
    expect(await form.getByRole('button', { name: /^Extend/ }).textContent()).toBe('Extend +30 s (2 left)');
    await snap(page, 'wrap-up-form');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(page),
      (t) => t === 'Status: Available',
      'available after Ready',
    );

    const history = await bench.app.services.handlers.listHistory({ limit: 10 });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ disposition: 'resolved', notes: NOTES, remoteName: 'Ana Reyes' });
    expect(history.items[0]?.acwMs).toBeGreaterThan(0);
    expect(await bench.app.services.handlers.getOpenWrapUp()).toBeNull();
  });

  it('the app host stops mid-wrap-up; a new host on the same data brings back every character and the time left', async () => {
    const user = newUser('agent');
    await configure(user, { wrapUpSeconds: 120 });
    let page = await openApp();
    await signedIn(page);
    await callEnds(bench, server, page, user);

    const notes = page.getByRole('form', { name: 'After-call work' }).getByLabel('Notes');
    await notes.click();
    await notes.pressSequentially(NOTES, { delay: 5 });
    await page.getByLabel('Afterwards').selectOption({ label: 'Break: Lunch' });
    await page.waitForTimeout(300);

    // Nothing is flushed on the way out: the page goes, then the services (the SQLite file stays).
    await bench.restartApp(page);
    // Browser mode keeps the SIP password in memory only (DESIGN.md, security model): given again.
    await bench.app.services.handlers.saveSettings({ password: server.password });

    page = await openApp();
    const form = page.getByRole('form', { name: 'Unfinished wrap-up' });
    await form.waitFor();
    expect(await form.getByLabel('Notes').inputValue()).toBe(NOTES);
    expect(await form.getByLabel('Afterwards').inputValue()).toBe('break:lunch');
    const left = await eventually(
      () => remainingMs(page),
      (ms) => ms !== undefined,
      'countdown shown',
    );
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(120_000);
    await snap(page, 'wrap-up-restored');

    // Back in wrap-up once signed in again: a customer calling now is refused, not offered.
    await signedIn(page);
    expect(await agentState(page)).toBe('Status: After-call work');
    const far = await customer();
    await far.call(`sip:${user}@${server.domain}`);
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 486,
      '486 during restored wrap-up',
    );

    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(page),
      (t) => t === 'Status: On a break: Lunch',
      'on the break chosen before the restart',
    );
    const history = await bench.app.services.handlers.listHistory({ limit: 10 });
    expect(history.items[0]?.notes).toBe(NOTES);
    expect(await bench.app.services.handlers.getOpenWrapUp()).toBeNull();
  });
  it('optional mode: when the countdown runs out, wrap-up ends by itself with what was typed', async () => {
    const user = newUser('agent');
    await configure(user, { wrapUpSeconds: 3 });
    const page = await openApp();
    await signedIn(page);
    await callEnds(bench, server, page, user);
    await page.getByRole('form', { name: 'After-call work' }).getByLabel('Notes').fill('short call');
    await eventually(
      () => agentState(page),
      (t) => t === 'Status: Available',
      'available when the time is up',
    );
    const history = await bench.app.services.handlers.listHistory({ limit: 10 });
    expect(history.items[0]?.notes).toBe('short call');
  });

  it('mandatory mode: Ready waits for a disposition, and running out of time does not end wrap-up', async () => {
    const user = newUser('agent');
    await configure(user, { wrapUpSeconds: 2, wrapUpMandatory: true });
    const page = await openApp();
    await signedIn(page);
    await callEnds(bench, server, page, user);
    const form = page.getByRole('form', { name: 'After-call work' });
    expect(await form.getByRole('button', { name: 'Ready' }).isDisabled()).toBe(true);
    await form.getByText('Time is up: choose a disposition to finish.').waitFor();
    expect(await agentState(page)).toBe('Status: After-call work');
    await form.getByLabel('Disposition (required)').selectOption('wrong-number');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(page),
      (t) => t === 'Status: Available',
      'available after Ready',
    );
    const history = await bench.app.services.handlers.listHistory({ limit: 10 });
    expect(history.items[0]?.disposition).toBe('wrong-number');
  });
});
