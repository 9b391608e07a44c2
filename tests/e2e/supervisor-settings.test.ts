import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import { appHearsTone } from '../support/app-audio';
import { startAppHost, type AppHost } from '../support/app-host';
import { startLabTestServer } from '../support/sip-servers';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import {
  customerAnswered,
  hears,
  neverHears,
  superviseFromBoard,
  textOf,
  useToneBench,
  warmlineDesk,
  closeDesks,
  TONE_HZ,
  supervisorConnected,
} from './warmline-pages.harness';

/**
 * The supervisor role as a user turns it on (issue 16): a fresh install signed in through its
 * Settings screen, mid-shift, opens Settings again, ticks "I am a supervisor" and saves. The board
 * appears on the phone screen, and from it the supervisor listens to a colleague's live call
 * (tones per party, as the other supervision stories). Saving must not sign the phone in again:
 * the status bar never leaves "Signed in", and the lab keeps the registration on the same
 * connection. On the lab: what is proven is the app's Settings path, the same on any server.
 */
const bench = useToneBench({ agent: TONE_HZ.agent, supervisor: TONE_HZ.supervisor });
const { customer: CUSTOMER_HZ, agent: AGENT_HZ, supervisor: SUPERVISOR_HZ } = TONE_HZ;

describe('a supervisor turns the role on in Settings mid-shift', () => {
  let server: Awaited<ReturnType<typeof startLabTestServer>>;
  const apps: AppHost[] = [];
  let agent: Page;
  let supervisor: Page;
  let customer: FarEndDriver;
  let agentUser: string;
  let supervisorUser: string;

  /** Every text the supervisor's registration status showed since the page loaded. */
  const registrationTexts = () =>
    supervisor.evaluate(() => (window as unknown as { registrationTexts: string[] }).registrationTexts);

  /** The lab's view of the supervisor (its /status): the connections its registrations live on. */
  const labView = async () => {
    const status = (await fetch(`${server.lab.url.replace('ws:', 'http:')}/status`).then((r) => r.json())) as {
      registrations: { user: string; connection: number }[];
    };
    const connections = status.registrations.filter((r) => r.user === supervisorUser).map((r) => r.connection);
    return { registered: connections.length > 0, connections };
  };

  beforeAll(async () => {
    server = await startLabTestServer();
    agentUser = newUser('agent');
    supervisorUser = newUser('senior');
    agent = (await warmlineDesk(bench(), server, bench().browsers.agent, agentUser, { displayName: 'Ana Agent' }, apps)).page;

    // A fresh install: no settings but the defaults. Its first screen is Settings.
    const app = await startAppHost(join(bench().dir, `${supervisorUser}-data`));
    apps.push(app);
    supervisor = await bench().browsers.supervisor.newPage({ viewport: { width: 1280, height: 900 } });
    supervisor.on('pageerror', (e) => bench().pageErrors.push(e.message));
    // Records every status the registration shows, from the first render on.
    await supervisor.addInitScript(() => {
      const texts: string[] = [];
      (window as unknown as { registrationTexts: string[] }).registrationTexts = texts;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="registration"]')?.textContent ?? '';
        if (text !== texts.at(-1)) texts.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await supervisor.goto(app.url);
    await supervisor.getByLabel('Server address (WebSocket)').fill(server.wsUrl);
    await supervisor.getByLabel('SIP address').fill(`sip:${supervisorUser}@${server.domain}`);
    await supervisor.getByLabel('Password', { exact: true }).fill(server.password);
    await supervisor.getByLabel('Team key').fill(TEAM_KEY);
    await supervisor.getByRole('button', { name: 'Save', exact: true }).click();
    await supervisor.getByText('Settings saved.').waitFor();
    await supervisor.locator('[data-testid="registration"]', { hasText: /^Signed in$/ }).waitFor({ timeout: 30_000 });
    await supervisor.getByRole('button', { name: 'Phone', exact: true }).click();
  });
  afterAll(() => closeDesks([customer?.page, agent, supervisor], apps, server, bench().pageErrors));

  it('ticks the role and saves: the board appears and the phone stays signed in on the same registration', async () => {
    // Not a supervisor yet: no board.
    expect(await supervisor.getByTestId('supervisor-board').count()).toBe(0);
    const before = await eventually(labView, (v) => v.registered && v.connections.length === 1, 'the lab sees the supervisor');
    const signedInSince = (await registrationTexts()).length;

    await supervisor.getByRole('button', { name: 'Settings', exact: true }).click();
    await supervisor.getByLabel('I am a supervisor').check();
    await supervisor.getByRole('button', { name: 'Save', exact: true }).click();
    await supervisor.getByText('Settings saved.').waitFor();
    await supervisor.getByRole('button', { name: 'Phone', exact: true }).click();
    await supervisor.getByTestId('supervisor-board').waitFor();

    // The host stored the role (a restart keeps it).
    expect((await apps[1]!.services.handlers.getSettings()).supervisor).toBe(true);
    // A re-registration would show (and the lab would see a new connection) within a second or two.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await registrationTexts()).slice(signedInSince - 1)).toEqual(['Signed in']);
    expect(await textOf(supervisor, 'registration')).toBe('Signed in');
    expect(await labView()).toEqual(before);
  });

  it("from the board, the supervisor listens to a colleague's live call", async () => {
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', {
      displayName: 'Dana Customer',
      toneHz: CUSTOMER_HZ,
    });
    await customerAnswered(customer, `sip:${agentUser}@${server.domain}`, agent);
    await superviseFromBoard(supervisor, agentUser);
    await supervisorConnected(supervisor);
    await eventually(
      () => textOf(agent, 'supervision-indicator'),
      (t) => t === `Supervisor ${supervisorUser} is listening`,
      "agent's indicator",
    );
    await hears('supervisor hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await hears('supervisor hears the agent', () => appHearsTone(supervisor, AGENT_HZ));
    await neverHears('customer hears the supervisor', () => customer.hearsTone(SUPERVISOR_HZ));
    await neverHears('agent hears the supervisor', () => appHearsTone(agent, SUPERVISOR_HZ));
    expect(await textOf(supervisor, 'registration')).toBe('Signed in');
    expect((await labView()).registered).toBe(true);
    await customer.hangup();
    await supervisor.getByTestId('monitor').waitFor({ state: 'detached' });
  });
});
