import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_ACTIONS, windowKeymap } from '../../shared/host-api/shortcuts';
import en from '../../renderer/src/i18n/locales/views/en.json';
import { snap } from '../support/screenshots';
import { startLabTestServer, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { agentState, focused, press, signedInAgent as signIn } from './keyboard.harness';
import { eventually } from './phone-engine.harness';

/**
 * Keyboard first, against the lab server with a SIP.js customer: the shortcut sheet lists every
 * action with its key, and a whole call is run with keys alone — no click after sign-in.
 */
let server: SipTestServer;
const bench = useDeskBench();
const keymap = windowKeymap();
const signedInAgent = () => signIn(bench, server);

describe('keyboard against the lab server', () => {
  beforeAll(async () => {
    server = await startLabTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('? opens the sheet listing every action with its key; focus stays in it; Escape closes it and gives focus back', async () => {
    const { page } = await signedInAgent();
    const dial = page.getByLabel('Number or address');
    await dial.waitFor();
    await eventually(
      () => focused(page),
      (f) => f.startsWith('input'),
      'focus on the dial pad after sign-in',
    );

    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const rows = sheet.getByTestId('shortcut-row');
    expect(await rows.count()).toBe(WINDOW_ACTIONS.length);
    const listed = await rows.allTextContents();
    for (const [i, action] of WINDOW_ACTIONS.entries()) {
      expect(listed[i]).toBe(`${en.shortcuts.actions[action]}${keymap[action]}`);
    }
    expect(await sheet.getAttribute('aria-modal')).toBe('true');
    await sheet.getByText(en.assist.phrases.keyHint).waitFor();
    // The whole sheet at once on a 1280×720 screen: nothing to scroll to.
    expect(await sheet.evaluate((d) => d.scrollHeight <= d.clientHeight)).toBe(true);
    await snap(page, 'shortcut-sheet');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await eventually(
      () => page.evaluate(() => document.activeElement?.id),
      (id) => id === 'dial-input',
      'focus on #dial-input',
    );

    // Every control with a key says so on hover and to assistive technology.
    const history = page.getByRole('button', { name: 'History', exact: true });
    expect(await history.getAttribute('aria-keyshortcuts')).toBe('Control+Alt+2');
    expect(await history.getAttribute('title')).toBe('Shortcut: Ctrl+Alt+2');
    await press(page, keymap.history);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await press(page, keymap.settings);
    await page.getByLabel('Server address (WebSocket)').waitFor();
    await press(page, keymap.phone);
    await dial.waitFor();
    await press(page, keymap.break);
    await eventually(
      () => page.evaluate(() => document.activeElement?.id),
      (id) => id === 'break-reason',
      'focus on #break-reason',
    );
    await page.keyboard.press('ArrowDown');
    await eventually(
      () => agentState(page),
      (t) => t?.startsWith('Status: On a break') ?? false,
      'on a break by keyboard',
    );
    await press(page, keymap.available);
    await eventually(
      () => agentState(page),
      (t) => t === 'Status: Available',
      'available by keyboard',
    );
    await press(page, keymap.dial);
    await eventually(
      () => page.evaluate(() => document.activeElement?.id),
      (id) => id === 'dial-input',
      'focus on #dial-input',
    );
  });

  it('a whole call by keyboard alone: answer, hold, resume, mute, keypad, a phrase, escalate and back, hang up, extend, Ready', async () => {
    const { page, user } = await signedInAgent();
    const customer = await bench.customer(server);

    // A call that is declined by key first: the customer hears busy.
    await customer.call(`sip:${user}@${server.domain}`);
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await press(page, keymap.decline);
    await eventually(
      () => customer.state(),
      (s) => s.finalStatus === 486,
      '486 at the customer',
    );

    await customer.call(`sip:${user}@${server.domain}`);
    const ringing = page.getByRole('alertdialog', { name: 'Incoming call' });
    await ringing.waitFor();
    // One key answers: focus is already on Answer.
    await eventually(
      () => focused(page),
      (f) => f.startsWith('button "Answer"'),
      'focus on Answer while ringing',
    );
    expect(await ringing.getByRole('button', { name: 'Answer' }).getAttribute('aria-keyshortcuts')).toBe('Control+Alt+A');
    await page.keyboard.press('Enter');
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'customer connected',
    );
    await eventually(
      () => focused(page),
      (f) => f.includes('in "Current call"'),
      'focus on the call after answering',
    );

    await press(page, keymap.hold);
    await page.getByText('Customer on hold').waitFor();
    await press(page, keymap.hold);
    await page.getByText('On a call', { exact: true }).waitFor();
    await press(page, keymap.mute);
    await page.getByRole('button', { name: 'Unmute' }).waitFor();
    await press(page, keymap.mute);
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await press(page, keymap.keypad);
    await page.getByRole('button', { name: 'Key 5' }).waitFor();
    await press(page, keymap.keypad);
    await page.getByRole('button', { name: 'Key 5' }).waitFor({ state: 'detached' });

    // What to say: one key into the assistant's phrases, one digit puts the first into the call notes.
    await press(page, keymap.phrases);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('phrases');
    await page.keyboard.press('1');
    await eventually(
      () => page.getByRole('textbox', { name: 'Call notes' }).inputValue(),
      (notes) => notes.trim() !== '',
      'a phrase in the call notes',
    );

    await press(page, keymap.escalate);
    const panel = page.getByRole('dialog', { name: 'Escalate this call' });
    await panel.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('form.escalation-panel') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await eventually(
      () => focused(page),
      (f) => f.includes('in "Current call"'),
      'focus back on the call after Escape',
    );
    expect(await agentState(page)).toBe('Status: On a call');

    await press(page, keymap.hangup);
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Terminated',
      'customer hung up on',
    );
    const form = page.getByRole('form', { name: 'After-call work' });
    await form.waitFor();
    await eventually(
      () => page.evaluate(() => document.activeElement?.closest('form.wrap-up-form') !== null),
      (inForm) => inForm,
      'focus in the wrap-up form after hangup',
    );
    await press(page, keymap.extend);
    await form.getByRole('button', { name: 'Extend +30 s (2 left)' }).waitFor();
    // Extend by key left focus where it was; Enter in a field that is not the notes is Ready.
    expect(await focused(page)).toMatch(/^select /);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(
      () => agentState(page),
      (t) => t === 'Status: Available',
      'available after Ready',
    );
    await eventually(
      () => page.evaluate(() => document.activeElement?.id),
      (id) => id === 'dial-input',
      'focus on the dial pad after wrap-up',
    );
  });
});
