import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dana, olderHeader, TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import { snap } from '../support/screenshots';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { eventually } from './phone-engine.harness';
import { saveAgentSettings } from './desk-actions';

/**
 * One calm screen on a small laptop (1280×720) against Kamailio: a customer who called before
 * calls again with a signed handoff context. While it rings and during the call, the status bar,
 * the call and its controls, the handoff card, the assistant and the customer's history are all on
 * screen, and the page itself does not scroll. The agent's home (team and queues, issue 15) stays
 * beside a call where the columns leave room for it — on the first call, beside the escalation
 * panel too — and is wholly in view or not shown, never pushing anything else out.
 */
let server: SipTestServer;
const bench = useDeskBench();
const VIEWPORT = { width: 1280, height: 720 };

async function onScreen(what: string, locator: Locator): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  if (!box) return;
  expect({ what, top: box.y >= 0, left: box.x >= 0 }).toEqual({ what, top: true, left: true });
  expect({ what, bottom: Math.round(box.y + box.height) }).toEqual({
    what,
    bottom: expect.toSatisfy((b: number) => b <= VIEWPORT.height),
  });
  expect({ what, right: Math.round(box.x + box.width) }).toEqual({
    what,
    right: expect.toSatisfy((r: number) => r <= VIEWPORT.width),
  });
}

/** The element at the middle of `locator` is inside it: nothing (the escalation panel) lies over it. */
async function uncovered(what: string, locator: Locator): Promise<void> {
  const covered = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top === null || !el.contains(top);
  });
  expect({ what, covered }).toEqual({ what, covered: false });
}

const pageScrolls = (page: Page) =>
  page.evaluate(
    () => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
  );

describe('compact layout at 1280×720', () => {
  beforeAll(async () => {
    server = await startKamailioServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('ringing and on the call, everything the agent needs is in view without scrolling the page', async () => {
    const user = await saveAgentSettings(bench, server, {
      teamKey: TEAM_KEY,
      // Colleagues to list: Kamailio without its presence modules tells nothing of them ("Unknown").
      teamMembers: ['senior1', 'technical1'],
    });
    const page = await bench.openApp(VIEWPORT);
    await eventually(
      () => page.getByTestId('registration').textContent(),
      (t) => t === 'Signed in',
      'signed in',
    );
    const number = `55502${String(Date.now() % 100_000).padStart(5, '0')}`;
    const customer = await bench.farEnd(server, 'customer', {
      displayName: 'Dana Customer',
      uri: `sip:${number}@${server.domain}`,
    });

    // An earlier call, wrapped up with notes: the history the next call pops up.
    await customer.call(`sip:${user}@${server.domain}`);
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'first call connected',
    );
    // A first call has two columns and room below the call's notes: the team stays in view there.
    const firstCall = page.getByRole('region', { name: 'Current call' });
    const home = page.getByRole('region', { name: 'Team and queues' });
    await onScreen('the team beside the call', home.getByTestId('team-list'));
    await uncovered('the team beside the call', home.getByTestId('team-list'));
    for (const control of ['Hold', 'Mute', 'Escalate', 'Hang up']) {
      await onScreen(control, firstCall.getByRole('button', { name: control, exact: true }));
    }
    expect(await pageScrolls(page)).toBe(false);
    await firstCall.getByRole('button', { name: 'Escalate' }).click();
    const firstPanel = page.getByRole('dialog', { name: 'Escalate this call' });
    await onScreen('Consult beside the team', firstPanel.getByRole('button', { name: 'Consult (customer on hold)' }));
    await onScreen('the team beside the escalation panel', home.getByTestId('team-list'));
    await uncovered('the team beside the escalation panel', home.getByTestId('team-list'));
    await snap(page, 'call-with-team');
    await page.keyboard.press('Escape');
    await firstPanel.waitFor({ state: 'detached' });
    await customer.hangup();
    const form = page.getByRole('form', { name: 'After-call work' });
    await form.getByLabel('Notes').fill('Charged twice for March; credit note offered, refused.');
    await form.getByLabel('Disposition').selectOption('resolved');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => page.getByTestId('agent-state').textContent(),
      (t) => t === 'Status: Available',
      'available',
    );

    // The older format shows the whole card whatever call it arrives on: this test is about the layout.
    const context = await olderHeader(dana, TEAM_KEY);
    await customer.call(`sip:${user}@${server.domain}`, [`X-Warmline-Context: ${context}`]);
    const ringing = page.getByRole('alertdialog', { name: 'Incoming call' });
    await ringing.getByText('credit note offered, refused').waitFor();
    await onScreen('agent state', page.getByTestId('agent-state'));
    await onScreen('registration', page.getByTestId('registration'));
    await onScreen('Answer', ringing.getByRole('button', { name: 'Answer' }));
    await onScreen('handoff card while ringing', page.getByTestId('handoff-card'));
    await onScreen('customer history while ringing', page.getByRole('region', { name: 'Customer', exact: true }));
    expect(await pageScrolls(page)).toBe(false);
    await snap(page, 'ringing-with-history');

    await ringing.getByRole('button', { name: 'Answer' }).click();
    const call = page.getByRole('region', { name: 'Current call' });
    await onScreen('the call', call.getByRole('heading', { name: 'Dana Customer' }));
    await onScreen('call quality in the status bar', page.getByTestId('status-quality'));
    for (const control of ['Hold', 'Mute', 'Keypad', 'Escalate', 'Hang up']) {
      await onScreen(control, call.getByRole('button', { name: control, exact: true }));
    }
    await onScreen('the assistant', page.getByRole('complementary', { name: 'De-escalation assistant' }));
    await onScreen('handoff card on the call', page.getByTestId('handoff-card'));
    await onScreen('customer history on the call', page.getByRole('region', { name: 'Customer', exact: true }));
    expect(await pageScrolls(page)).toBe(false);
    // Three columns fill the window: the team is wholly in view where it is shown at all.
    const fits = await page.locator('.call-home').getAttribute('data-fits');
    if (fits === 'true') await onScreen('the team beside the handoff', page.getByTestId('team-list'));
    else expect(await page.getByRole('region', { name: 'Team and queues' }).count()).toBe(0);
    await snap(page, 'call-with-history');

    // The escalation panel opens beside the call, over the side column: both in view.
    await call.getByRole('button', { name: 'Escalate' }).click();
    const panel = page.getByRole('dialog', { name: 'Escalate this call' });
    await onScreen('Consult in the escalation panel', panel.getByRole('button', { name: 'Consult (customer on hold)' }));
    await onScreen('Hang up beside the escalation panel', call.getByRole('button', { name: 'Hang up' }));
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    await call.getByRole('button', { name: 'Hang up' }).click();
    await onScreen('ACW countdown in the status bar', page.getByTestId('status-acw'));
    await eventually(
      () => page.getByTestId('status-acw').textContent(),
      (t) => /^Wrap-up: \d+:\d\d left$/.test(t ?? ''),
      'ACW countdown',
    );
  });
});
