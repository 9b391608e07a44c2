import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import { startAppHost, type AppHost } from '../support/app-host';
import { violationsInBothThemes } from '../support/axe';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { useDeskBench } from './desk-bench';
import { eventually, newUser } from './phone-engine.harness';

/**
 * axe-core (WCAG 2.2 A and AA rules) on every screen an agent meets in a shift, in the light and
 * the dark theme, with real calls against Kamailio: a customer with a phone number calls twice, so
 * the second call rings with the first one's notes in the screen pop; the second is escalated to a
 * senior running their own Warmline. Zero serious or critical violations anywhere.
 */
let server: SipTestServer;
const bench = useDeskBench();
const VIEWPORT = { width: 1280, height: 720 };

async function signIn(app: AppHost, user: string, seniorUser: string, name: string): Promise<Page> {
  await app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: name,
    teamKey: TEAM_KEY,
    seniorQueue: seniorUser,
    technicalQueue: 'technical1',
  });
  const page = app === bench.app ? await bench.openApp(VIEWPORT) : await bench.browser.newPage({ viewport: VIEWPORT });
  if (app !== bench.app) await page.goto(app.url);
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    `${user} signed in`,
  );
  return page;
}

const agentState = (page: Page) => page.getByTestId('agent-state').textContent();

describe('accessibility', () => {
  let seniorDir: ReturnType<typeof makeTempDir>;
  let seniorApp: AppHost | undefined;
  beforeAll(async () => {
    server = await startKamailioServer();
    seniorDir = makeTempDir();
  });
  afterAll(async () => {
    await seniorApp?.close();
    await server?.stop();
    seniorDir?.remove();
  });

  it('every screen of a shift passes axe in the light and the dark theme', async () => {
    const agentUser = newUser('agent');
    const seniorUser = newUser('senior');
    // A number, not a name: the screen pop looks callers up by their normalised number.
    const customerNumber = `55501${String(Date.now() % 100_000).padStart(5, '0')}`;
    const agent = await signIn(bench.app, agentUser, seniorUser, 'Ana Agent');
    seniorApp = await startAppHost(join(seniorDir.path, 'senior'));
    const senior = await signIn(seniorApp, seniorUser, seniorUser, 'Sam Senior');
    const customer = await bench.farEnd(server, 'customer', {
      displayName: 'Dana Customer',
      uri: `sip:${customerNumber}@${server.domain}`,
    });
    const found: string[] = [];
    const check = async (page: Page, screen: string) => found.push(...(await violationsInBothThemes(page, screen)));

    await agent.getByLabel('Number or address').waitFor();
    await check(agent, 'phone idle (dialer)');
    await agent.keyboard.press('?');
    await agent.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await check(agent, 'shortcut sheet');
    await agent.keyboard.press('Escape');
    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    await agent.getByRole('heading', { level: 1 }).first().waitFor();
    await check(agent, 'settings');
    await agent.getByRole('button', { name: 'Phone', exact: true }).click();

    // First call: on a call, on hold with the keypad open, wrap-up with notes for the next time.
    await customer.call(`sip:${agentUser}@${server.domain}`);
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: On a call',
      'on a call',
    );
    await agent.getByTestId('quality-badge').waitFor({ timeout: 15_000 });
    await check(agent, 'on a call');
    await agent.getByRole('button', { name: 'Hold', exact: true }).click();
    await agent.getByTestId('hold-timer').waitFor();
    await agent.getByRole('button', { name: 'Keypad', exact: true }).click();
    await agent.getByRole('button', { name: 'Key 5' }).waitFor();
    await check(agent, 'on hold with the keypad open');
    await agent.getByRole('button', { name: 'Hang up' }).click();
    const form = agent.getByRole('form', { name: 'After-call work' });
    await form.waitFor();
    await form.getByLabel('Notes').fill('Parcel 4471 late; promised a call back on Friday.');
    await form.getByLabel('Disposition').selectOption('resolved');
    await check(agent, 'wrap-up');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: Available',
      'available',
    );
    await agent.getByRole('button', { name: 'History', exact: true }).click();
    await agent.getByTestId('history-row').first().waitFor();
    await check(agent, 'history');
    await agent.getByRole('button', { name: 'Phone', exact: true }).click();

    // Second call: rings with the first call in the screen pop, then is escalated to the senior.
    await customer.call(`sip:${agentUser}@${server.domain}`);
    const ringing = agent.getByRole('alertdialog', { name: 'Incoming call' });
    await ringing.getByText('Parcel 4471 late').waitFor();
    await check(agent, 'ringing with the screen pop');
    // Ringing interrupts; state changes and warnings wait for a pause in what is being read.
    const announced = await ringing.getByRole('alert').textContent();
    expect(announced).toContain('Dana Customer');
    expect(announced).not.toContain('Ringing for');
    expect(announced).not.toContain('Parcel 4471');
    expect(await agent.getByTestId('agent-state').getAttribute('aria-live')).toBe('polite');
    expect(await agent.getByTestId('registration').getAttribute('aria-live')).toBe('polite');
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: On a call',
      'on the second call',
    );
    await agent.getByRole('button', { name: 'Escalate' }).click();
    await agent.getByLabel('Why').selectOption('wants-higher-authority');
    await agent.getByLabel('Summary in one line').fill('Parcel late twice; wants a manager');
    await check(agent, 'escalation panel');
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    await senior.getByTestId('handoff-card').waitFor();
    await check(senior, 'handoff card at the consultee, ringing');
    await senior.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await check(agent, 'consulting');
    await check(senior, 'handoff card at the consultee, on the consult call');
    await agent.getByRole('button', { name: 'Cancel consult' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: On a call',
      'back with the customer',
    );
    await agent.getByRole('button', { name: 'Hang up' }).click();
    await form.waitFor();
    await senior.close();

    expect(found).toEqual([]);
  }, 240_000);
});
