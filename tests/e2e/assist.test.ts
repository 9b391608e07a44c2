import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../shared/settings';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { eventually, type FarEndDriver } from './phone-engine.harness';
import { saveAgentSettings } from './desk-actions';

/**
 * The de-escalation assistant end to end: the real app (browser host, built renderer) signed in to
 * Kamailio, a SIP.js customer calling in, the agent answering and working the assistant as on a
 * hard call. The page's clock is Playwright's (installed before the app loads, running in real
 * time) so the minute-long stages and hold nudges can be jumped to; the SIP stack runs on the same
 * clock and keeps the call up through each jump.
 */
let server: SipTestServer;
const bench = useDeskBench();
// Kamailio only: the assistant does not depend on the server, and this machine runs one Chromium at a time.
const [serverName, startServer] = SIP_SERVERS[0];

const TEAM_PHRASE = 'Thanks for bearing with us — the Warmline team';

/**
 * Moves the page's fake clock on by `mmss` in 2 s steps with a real pause between: the clock also
 * drives JsSIP's timers, and one jump of minutes fires a session refresh's or a re-REGISTER's
 * transaction timeout (Timer B, 32 s) before the real server could answer, which ends the call
 * (CI's "assist-breach not found" under load). Two seconds is far below any SIP timer.
 */
async function advance(page: Page, mmss: string): Promise<void> {
  const [minutes, seconds] = mmss.split(':').map(Number);
  let left = ((minutes ?? 0) * 60 + (seconds ?? 0)) * 1_000;
  while (left > 0) {
    const step = Math.min(left, 2_000);
    await page.clock.fastForward(step);
    left -= step;
    await new Promise((r) => setTimeout(r, 40));
  }
}

const stage = (panel: Locator, name: 'vent' | 'reassure' | 'resolve') => panel.getByTestId(`assist-stage-${name}`);
const currentStage = async (panel: Locator) => {
  for (const name of ['vent', 'reassure', 'resolve'] as const) {
    if ((await stage(panel, name).getAttribute('aria-current')) === 'step') return name;
  }
  return 'none';
};

async function signedInAgent(teamPhrases: SettingsPatch['teamPhrases'] = []): Promise<{ page: Page; user: string }> {
  const user = await saveAgentSettings(bench, server, { teamPhrases });
  const page = await bench.openApp({ width: 1280, height: 900 });
  // The fake clock must be in place before the app's timers start: install, then load the app again.
  await page.clock.install();
  await page.reload();
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );
  return { page, user };
}

async function answer(page: Page, user: string): Promise<{ panel: Locator; far: FarEndDriver }> {
  const far = await bench.customer(server);
  await far.call(`sip:${user}@${server.domain}`);
  await page.getByRole('button', { name: 'Answer' }).click();
  await eventually(
    () => far.state(),
    (s) => s.session === 'Established',
    'customer connected',
  );
  const panel = page.getByRole('complementary', { name: 'De-escalation assistant' });
  await panel.waitFor();
  return { panel, far };
}

async function answeredCall(): Promise<{ page: Page; panel: Locator; far: FarEndDriver }> {
  const { page, user } = await signedInAgent([{ situation: 'closing', text: TEAM_PHRASE }]);
  return { page, ...(await answer(page, user)) };
}

describe(`de-escalation assistant against ${serverName}`, () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('follows the call through its stages by time and by the agent’s ticks, and puts phrases into the call notes with one key', async () => {
    const { page, panel } = await answeredCall();
    expect(await currentStage(panel)).toBe('vent');
    expect(await stage(panel, 'vent').textContent()).toContain('Let the customer finish without interrupting.');

    // A minute of talk moves the checklist on by itself.
    await advance(page, '01:01');
    await eventually(
      () => currentStage(panel),
      (s) => s === 'reassure',
      'reassure after a minute',
    );
    expect(await stage(panel, 'vent').getAttribute('data-status')).toBe('passed');

    // The agent's tick is ahead of the clock: resolve comes at once.
    await panel.getByRole('checkbox', { name: /Reassure and steer/ }).check();
    await eventually(
      () => currentStage(panel),
      (s) => s === 'resolve',
      'resolve after the tick',
    );
    expect(await stage(panel, 'resolve').textContent()).toContain('Is there anything else I can help you with today?');
    await panel.getByRole('checkbox', { name: /Let them vent/ }).check();
    await panel.getByRole('checkbox', { name: /Resolve and confirm/ }).check();
    await panel.getByText('All three stages done: confirm and close warmly.').waitFor();
    expect(await currentStage(panel)).toBe('none');

    // Closing phrases, the team's own after the shipped ones; key 1 puts the first into the call notes.
    await panel.getByLabel('Situation').selectOption({ label: 'Close the call' });
    await panel.getByText(TEAM_PHRASE).waitFor();
    await panel.getByLabel('Situation').press('1');
    const notes = page.getByRole('textbox', { name: 'Call notes' });
    await eventually(
      () => notes.inputValue(),
      (t) => t.includes('Is there anything else I can help you with today?'),
      'phrase in the call notes',
    );
    expect(await panel.getByTestId('assist-insert-feedback').textContent()).toBe('Added to the notes.');
    await panel.getByRole('button', { name: 'Insert phrase 4 into the notes' }).click();
    await eventually(
      () => notes.inputValue(),
      (t) => t.includes(TEAM_PHRASE),
      'team phrase in the call notes',
    );
    await snap(page, 'call-with-assistant');
  });

  it('nudges at 30 s and 60 s on hold with the script for coming back, then before and after the SLA target', async () => {
    const { page, panel, far } = await answeredCall();
    const nudge = panel.getByTestId('assist-nudge');
    const breach = panel.getByTestId('assist-breach');
    expect(await nudge.getAttribute('aria-live')).toBe('polite');
    expect(await breach.getAttribute('aria-live')).toBe('assertive');

    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    await panel.getByText('Coming back from hold').waitFor();
    expect(await nudge.textContent()).toBe('');
    await advance(page, '00:31');
    await eventually(
      () => nudge.textContent(),
      (t) => t === 'On hold over 30 s: check in and say how long it will take.',
      'check-in nudge',
    );
    await advance(page, '00:30');
    await eventually(
      () => nudge.textContent(),
      (t) => t === 'On hold over 60 s: go back to the customer now.',
      'return nudge',
    );
    expect(await panel.getByTestId('assist-held').textContent()).toMatch(/^On hold 1:0\d$/);
    await page.getByRole('button', { name: 'Resume' }).click();
    await eventually(
      () => nudge.textContent(),
      (t) => t === '',
      'nudge gone after resuming',
    );

    // Six minutes is the default target: at 80 % the agent is nudged, past it alerted.
    await advance(page, '03:55');
    await eventually(
      () => nudge.textContent(),
      (t) => t === 'Close to the 6:00 target: escalate or agree a callback now.',
      'SLA nudge',
    );
    expect(await breach.textContent()).toBe('');
    await advance(page, '01:15');
    await eventually(
      () => breach.textContent(),
      (t) => t === 'Over the 6:00 target: escalate or agree a callback.',
      'SLA breached',
    );
    expect(await page.getByTestId('agent-state').textContent()).toBe('Status: On a call');
    expect((await far.state()).session).toBe('Established');
  });

  it('an abusive customer: the boundary script appears and Enter opens the escalation to the senior queue', async () => {
    const { page, panel } = await answeredCall();
    expect(await panel.getByTestId('assist-boundary').count()).toBe(0);
    await panel.getByRole('button', { name: 'Customer is abusive or threatening' }).click();
    const script = panel.getByTestId('assist-boundary');
    await script.waitFor();
    expect(await script.textContent()).toContain('Set the boundary once, by name');
    expect(await panel.getByRole('button', { name: 'Customer is abusive or threatening' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    // The supervisor button has the focus: one key escalates.
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Escalate this call' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('To', { exact: true }).inputValue()).toBe('senior');
  });

  it('a team phrase added in Settings is saved, checked, and offered in the assistant on the next call', async () => {
    const { page, user } = await signedInAgent();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const editor = page.getByRole('form', { name: 'Team phrases' });
    await editor.getByText('No team phrases yet.').waitFor();
    await editor.getByRole('button', { name: 'Add a phrase' }).click();
    await editor.getByLabel('Situation').selectOption({ label: 'Apologise' });
    await editor.getByRole('textbox', { name: 'Phrase 1' }).fill('  I am sorry, that is on us — not on you.  ');
    await editor.getByRole('button', { name: 'Add a phrase' }).click();
    await editor.getByRole('button', { name: 'Save team phrases' }).click();
    await editor.getByText('Write the phrase, or remove it.').waitFor();
    expect((await bench.app.services.handlers.getSettings()).teamPhrases).toEqual([]);

    await editor.getByRole('button', { name: 'Remove phrase 2' }).click();
    await editor.getByRole('button', { name: 'Save team phrases' }).click();
    await editor.getByText('Team phrases saved.').waitFor();
    expect((await bench.app.services.handlers.getSettings()).teamPhrases).toEqual([
      { situation: 'apology', text: 'I am sorry, that is on us — not on you.' },
    ]);

    await page.getByRole('button', { name: 'Phone', exact: true }).click();
    const { panel } = await answer(page, user);
    await panel.getByLabel('Situation').selectOption({ label: 'Apologise' });
    const team = panel.getByRole('listitem').filter({ hasText: 'I am sorry, that is on us — not on you.' });
    expect(await team.textContent()).toContain('team');
  });
});
