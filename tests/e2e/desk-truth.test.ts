import { beforeEach, describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { agrees, type LabDesk } from './lab-desk';
import { useLabDesk } from './lab-desk-bench';
import { eventually } from './phone-engine.harness';

/**
 * Issue 13, as a new user meets it under `npm start` (embedded lab, agent 1001, queue pause by
 * MESSAGE): the desk never hides a ringing call and never shows a state the lab does not have.
 */
const bench = useLabDesk();
let desk: LabDesk;
beforeEach(() => {
  desk = bench.desk;
});

/** The status bar and the lab's /status agree (polled: each side takes a moment to hear of a change). */
const inAgreement = (what: string) =>
  eventually(
    async () => ({ desk: await desk.desk(), lab: await desk.labAgent() }),
    (v) => agrees(v.desk, v.lab),
    what,
  );

/** Signed in again, and in agreement with the lab. */
const backInAgreement = (what: string) =>
  eventually(
    async () => ({ desk: await desk.desk(), lab: await desk.labAgent() }),
    (v) => v.desk.registered && agrees(v.desk, v.lab),
    what,
  );

async function openSettings(): Promise<void> {
  await desk.page.locator('[data-shortcut="settings"]').click();
  await desk.page.locator('form.settings-form input[name="displayName"]').waitFor();
}

async function save(): Promise<void> {
  await desk.page.locator('form.settings-form button[type="submit"]').click();
  await desk.page.getByText('Settings saved.').waitFor();
}

describe('saving settings never drops the agent', () => {
  it('a save without a sign-in change leaves the registration alone; a display name change signs in again once, and the break stays', async () => {
    const page = desk.page;
    await page.locator('#break-reason').selectOption('short');
    await inAgreement('paused in the lab on a break');
    const before = await desk.labAgent();
    expect(before.queue).toBe('paused');

    await openSettings();
    await page.locator('form.settings-form input[name="defaultCountry"]').fill('NL');
    await save();
    await inAgreement('still in agreement after a save that changes no sign-in');
    expect((await desk.labAgent()).connections).toEqual(before.connections);
    expect(await desk.agentKind()).toBe('break');

    await page.locator('form.settings-form input[name="displayName"]').fill('Agent 1001 (late shift)');
    await save();
    // Signed in again on a new connection, the status bar following it, the break kept.
    const after = await eventually(
      async () => ({ desk: await desk.desk(), lab: await desk.labAgent() }),
      (v) => v.desk.registered && v.lab.connections.length === 1 && v.lab.connections[0] !== before.connections[0],
      'signed in again on a new connection',
    );
    expect(after.desk.registrationText).toBe('Signed in');
    await inAgreement('the lab and the desk agree after the new sign-in');
    expect(await desk.agentKind()).toBe('break');
    expect((await desk.labAgent()).queue).toBe('paused');

    // Back to Available: a customer in the queue rings the agent, still in Settings.
    await page.locator('[data-shortcut="available"]').click();
    await inAgreement('available in the lab');
    const customer = await desk.customerCalls(0);
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await page.locator('[data-shortcut="answer"]').click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'the customer connected',
    );
    expect(desk.labEvents('queue-no-answer')).toEqual([]);
  });

  it('a sign-in change saved during a call waits for the call to end: the form says so and the call is not cut', async () => {
    const page = desk.page;
    const customer = await desk.customerCalls(0);
    await page.locator('[data-shortcut="answer"]').click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'the customer connected',
    );
    const before = await desk.labAgent();
    await openSettings();
    await page.getByTestId('sign-in-waits').waitFor();
    await page.locator('form.settings-form input[name="displayName"]').fill('Agent 1001 (late shift)');
    await save();
    // Still the same registration and the same call.
    await inAgreement('on the call in the lab');
    expect((await desk.labAgent()).connections).toEqual(before.connections);
    expect((await customer.state()).session).toBe('Established');

    await customer.hangup();
    // The call is over: wrap-up, and now the new sign-in, once, with the agent still paused for wrap-up.
    await eventually(
      async () => ({ desk: await desk.desk(), lab: await desk.labAgent() }),
      (v) => v.desk.registered && v.lab.connections.length === 1 && v.lab.connections[0] !== before.connections[0],
      'signed in again after the call',
    );
    await inAgreement('paused for wrap-up in the lab after the new sign-in');
    expect(await desk.agentKind()).toBe('wrap-up');
    expect((await desk.labAgent()).queue).toBe('paused');
  });
});

describe('a ringing call is always in front', () => {
  it('in Settings with a half-typed form: the call shows with Answer focused; answered, the phone shows it, and the form kept the text', async () => {
    const page = desk.page;
    await openSettings();
    await page.locator('form.settings-form input[name="displayName"]').fill('Half typed');
    await desk.customerCalls(0);
    const card = page.getByRole('alertdialog', { name: 'Incoming call' });
    await card.waitFor();
    expect(await card.getByText('Queue: support').isVisible()).toBe(true);
    expect(await card.getByRole('heading', { name: 'Sanne de Vries' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('answer');
    expect((await desk.desk()).answerVisible).toBe(true);
    await snap(page, 'ringing-over-settings');

    await page.keyboard.press('Enter');
    await page.locator('[data-shortcut="hangup"]').waitFor();
    await page.locator('[data-shortcut="settings"]').click();
    expect(await page.locator('form.settings-form input[name="displayName"]').inputValue()).toBe('Half typed');
  });

  it('in History and over the shortcut sheet: the call shows in front, Answer reachable and focused', async () => {
    const page = desk.page;
    await page.locator('[data-shortcut="history"]').click();
    await page.locator('.shortcuts-button').click();
    await page.locator('dialog.shortcut-sheet').waitFor();
    const customer = await desk.customerCalls(1);
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await eventually(
      () => desk.desk(),
      (d) => d.answerVisible,
      'Answer visible and not covered',
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('answer');
    await page.locator('[data-shortcut="decline"]').click();
    await eventually(
      () => desk.desk(),
      (d) => d.ringing === 0,
      'no longer ringing',
    );
    // Declined at the desk: the queue keeps the customer waiting for the next agent.
    expect((await customer.state()).session).not.toBe('Terminated');
  });
});

describe('the status bar tells the truth', () => {
  it('after a dropped connection, a lab restart and an app restart, the status bar and the lab agree', async () => {
    const page = desk.page;
    await page.locator('#break-reason').selectOption('lunch');
    await inAgreement('on a break, paused in the lab');

    await desk.dropSocket();
    await eventually(
      () => desk.desk(),
      (d) => !d.registered,
      'the desk says the connection dropped',
    );
    await backInAgreement('agreement after the connection came back');
    expect(await desk.agentKind()).toBe('break');

    // The lab forgets every agent state when it restarts: the desk tells it again.
    await desk.restartLab();
    await inAgreement('agreement while the lab restarts');
    await backInAgreement('signed in to the restarted lab and paused there again');
    expect(await desk.agentKind()).toBe('break');

    await page.locator('[data-shortcut="available"]').click();
    await inAgreement('available');
    await desk.restartApp();
    await backInAgreement('agreement after the app restarted');
  });
});
