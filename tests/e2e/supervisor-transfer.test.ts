import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../shared/history';
import { appHearsTone } from '../support/app-audio';
import type { AppHost } from '../support/app-host';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { readyToAvailable } from './desk-actions';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import {
  customerAnswered,
  escalateForManager,
  hears,
  superviseFromBoard,
  textOf,
  useToneBench,
  warmlineDesk,
  supervisorConnected,
} from './warmline-pages.harness';

/**
 * Supervision ends when the agent's call is transferred (issue 16): the customer's new dialog is
 * with the colleague, so the supervisor must not stay on the agent's Warmline, listening to
 * nobody. A warm transfer completed and a blind transfer, each with a supervisor listening; the
 * supervisor's page says it ended and why, the agent's indicator goes, and the history record's
 * stretch ends when the transfer did. Against Kamailio and the lab; one set of pages per server.
 */
const CUSTOMER_HZ = 1250;
const AGENT_HZ = 660;
const SENIOR_HZ = 880;

// The supervisor and the senior share the senior's browser: the supervisor only listens here.
const bench = useToneBench({ agent: AGENT_HZ, senior: SENIOR_HZ });

describe.each(SIP_SERVERS)('supervision of a call that is transferred, on %s', (_name, start) => {
  let server: SipTestServer;
  const apps: AppHost[] = [];
  let agentApp: AppHost;
  let agent: Page;
  let supervisor: Page;
  let senior: Page;
  let customer: FarEndDriver | undefined;
  let agentUser: string;
  let supervisorUser: string;

  beforeAll(async () => {
    server = await start();
    agentUser = newUser('agent');
    supervisorUser = newUser('senior');
    const seniorUser = newUser('senior');
    const more = (supervisorRole: boolean) => ({
      displayName: 'Desk',
      seniorQueue: seniorUser,
      technicalQueue: 'technical1',
      supervisor: supervisorRole,
    });
    const desk = (user: string, browser: Browser, supervisorRole: boolean) =>
      warmlineDesk(bench(), server, browser, user, more(supervisorRole), apps);
    ({ app: agentApp, page: agent } = await desk(agentUser, bench().browsers.agent, false));
    ({ page: supervisor } = await desk(supervisorUser, bench().browsers.senior, true));
    ({ page: senior } = await desk(seniorUser, bench().browsers.senior, false));
  });
  afterAll(async () => {
    await Promise.all([agent, supervisor, senior, customer?.page].map((p) => p?.close()));
    await Promise.all(apps.map((a) => a.close()));
    await server?.stop();
    expect(bench().pageErrors.splice(0)).toEqual([]);
  });

  const indicator = () => agent.getByTestId('supervision-indicator');

  /** A customer calls, the agent answers, the supervisor listens; the agent opens Escalate. */
  async function supervisedCallEscalating(): Promise<void> {
    await customer?.page.close();
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', {
      displayName: 'Dana',
      toneHz: CUSTOMER_HZ,
    });
    await customerAnswered(customer, `sip:${agentUser}@${server.domain}`, agent);
    await superviseFromBoard(supervisor, agentUser);
    await supervisorConnected(supervisor);
    await indicator().waitFor();
    await hears('supervisor hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await escalateForManager(agent, 'Wants a manager');
  }

  /** What must hold once the transfer went through: the leg, the indicator, the stretch in history. */
  async function supervisionEndedWithTheTransfer(): Promise<void> {
    await eventually(
      () => customer!.hearsTone(SENIOR_HZ),
      (h) => h,
      'the customer talks to the senior',
    );
    await eventually(
      () => agent.getByTestId('agent-state').textContent(),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up',
    );
    await supervisor.getByTestId('monitor').waitFor({ state: 'detached' });
    await eventually(
      () => textOf(supervisor, 'monitor-ended'),
      (t) => t === `${agentUser}'s call was transferred: supervision ended.`,
      "the supervisor's page says why it ended",
    );
    await snap(supervisor, 'supervision-ended-transferred');
    expect(await indicator().count()).toBe(0);
    // The supervisor hears nobody any more: not the customer, now the senior's.
    await eventually(
      () => appHearsTone(supervisor, CUSTOMER_HZ),
      (h) => !h,
      'supervisor no longer hears the customer',
    );
    const history = await eventually(
      async () => (await agentApp.services.handlers.listHistory({ limit: 1 })) as HistoryPage,
      (page) => (page.items[0]?.supervisions?.length ?? 0) > 0,
      'the supervised call in history',
    );
    const item = history.items[0]!;
    expect(item.supervisions?.map((s) => [s.supervisor, s.mode])).toEqual([[supervisorUser, 'listen']]);
    expect(item.supervisions?.[0]?.end).toBeLessThanOrEqual(item.endedAt);
    expect(item.supervisions?.[0]?.end).toBeGreaterThan(item.supervisions?.[0]?.start ?? Infinity);
  }

  /** The customer hangs up on the senior; both desks back to Available for the next story. */
  async function everyoneAvailable(): Promise<void> {
    await customer!.hangup();
    for (const page of [agent, senior]) {
      await page.getByRole('form', { name: 'After-call work' }).getByLabel('Disposition').selectOption('resolved');
      await readyToAvailable(page);
    }
  }

  it('a completed warm transfer ends the supervision: the supervisor is told, the indicator goes, history has the end', async () => {
    await supervisedCallEscalating();
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    await senior.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    // Still supervised while consulting: the agent's call has not moved yet.
    expect(await indicator().count()).toBe(1);
    await agent.getByRole('button', { name: 'Complete transfer' }).click();
    await supervisionEndedWithTheTransfer();
    await everyoneAvailable();
  });

  it('a blind transfer ends the supervision the same way', async () => {
    await supervisedCallEscalating();
    await agent.getByRole('button', { name: 'Blind transfer', exact: true }).click();
    await senior.getByRole('button', { name: 'Answer' }).click();
    await supervisionEndedWithTheTransfer();
    await everyoneAvailable();
  });
});
