import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionMode } from '../../shared/supervision/request';
import { appHearsTone } from '../support/app-audio';
import type { AppHost } from '../support/app-host';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import {
  attributeOf,
  hears,
  neverHears,
  stopsHearingSteadily,
  superviseFromBoard,
  useToneBench,
  warmlineDesk,
} from './warmline-pages.harness';

/**
 * Supervision stays on the one call it was asked for (issue 16): four pages and a fifth party,
 * on the lab and on Kamailio. A customer talks to the agent, whom the supervisor monitors; a
 * second agent talks to a second customer, unmonitored. In every mode the second call hears
 * nothing of the supervisor and the supervisor nothing of the second call. Then the agent mutes
 * in each mode: the customer no longer hears the agent, but in barge still hears the supervisor
 * through the agent's desk, and the supervisor still hears the agent (docs/architecture.md, supervision).
 * Each party speaks its own tone; the "never" checks run side by side, after the paths that must
 * carry audio are proven to.
 */
const CUSTOMER_HZ = 1250;
const AGENT_HZ = 660;
const SUPERVISOR_HZ = 880;
const SECOND_AGENT_HZ = 550;
const SECOND_CUSTOMER_HZ = 1500;

const bench = useToneBench({ agent: AGENT_HZ, supervisor: SUPERVISOR_HZ, secondAgent: SECOND_AGENT_HZ });

describe.each(SIP_SERVERS)('a supervisor on one of two agent calls, on %s', (_name, start) => {
  let server: SipTestServer;
  const apps: AppHost[] = [];
  const opened: Page[] = [];
  let agent: Page;
  let supervisor: Page;
  let secondAgent: Page;
  let customer: FarEndDriver;
  let secondCustomer: FarEndDriver;
  let agentUser: string;

  const desk = async (user: string, browser: Browser, supervisorRole: boolean) => {
    const { page } = await warmlineDesk(
      bench(),
      server,
      browser,
      user,
      { displayName: 'Desk', supervisor: supervisorRole },
      apps,
    );
    opened.push(page);
    return page;
  };

  const customerCalls = async (who: FarEndDriver, user: string, page: Page) => {
    await who.call(`sip:${user}@${server.domain}`);
    await page.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => who.state(),
      (s) => s.session === 'Established',
      `${who.user} connected`,
    );
  };

  beforeAll(async () => {
    server = await start();
    agentUser = newUser('agent');
    const secondAgentUser = newUser('agent');
    agent = await desk(agentUser, bench().browsers.agent, false);
    supervisor = await desk(newUser('senior'), bench().browsers.supervisor, true);
    secondAgent = await desk(secondAgentUser, bench().browsers.secondAgent, false);
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', { toneHz: CUSTOMER_HZ });
    secondCustomer = await FarEndDriver.open(bench().browsers.secondAgent, bench().pages, server, 'customer', {
      toneHz: SECOND_CUSTOMER_HZ,
    });
    opened.push(customer.page, secondCustomer.page);
    await customerCalls(customer, agentUser, agent);
    await customerCalls(secondCustomer, secondAgentUser, secondAgent);
    await hears('the second agent hears the second customer', () => appHearsTone(secondAgent, SECOND_CUSTOMER_HZ));
    await hears('the second customer hears the second agent', () => secondCustomer.hearsTone(SECOND_AGENT_HZ));
  });
  afterAll(async () => {
    await customer?.hangup().catch(() => undefined);
    await secondCustomer?.hangup().catch(() => undefined);
    await Promise.all(opened.splice(0).map((p) => p.close()));
    await Promise.all(apps.map((a) => a.close()));
    await server?.stop();
    expect(bench().pageErrors.splice(0)).toEqual([]);
  });

  async function inMode(mode: SupervisionMode, label: string): Promise<void> {
    await supervisor.getByTestId('monitor').getByRole('button', { name: label, exact: true }).click();
    await eventually(
      () => attributeOf(agent, 'supervision-indicator', 'data-mode'),
      (m) => m === mode,
      `agent's indicator in ${mode}`,
    );
  }

  /** The second call and the supervisor stay apart, sampled side by side. */
  async function secondCallApart(): Promise<void> {
    await Promise.all([
      neverHears('the second agent hears the supervisor', () => appHearsTone(secondAgent, SUPERVISOR_HZ)),
      neverHears('the second customer hears the supervisor', () => secondCustomer.hearsTone(SUPERVISOR_HZ)),
      neverHears('the supervisor hears the second agent', () => appHearsTone(supervisor, SECOND_AGENT_HZ)),
      neverHears('the supervisor hears the second customer', () => appHearsTone(supervisor, SECOND_CUSTOMER_HZ)),
    ]);
  }

  it('Listen: the supervisor hears the agent and customer, and nothing of the second call, which hears nothing of them', async () => {
    await superviseFromBoard(supervisor, agentUser);
    await eventually(
      () => attributeOf(agent, 'supervision-indicator', 'data-mode'),
      (m) => m === 'listen',
      "agent's indicator in listen",
    );
    await hears('the supervisor hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await hears('the supervisor hears the agent', () => appHearsTone(supervisor, AGENT_HZ));
    await secondCallApart();
  });

  it('Coach: the agent hears the supervisor; the second call still hears nothing of them', async () => {
    await inMode('coach', 'Coach');
    await hears('the agent hears the supervisor', () => appHearsTone(agent, SUPERVISOR_HZ));
    await secondCallApart();
  });

  it('Barge: the customer hears the supervisor; the second call still hears nothing of them', async () => {
    await inMode('barge', 'In the call');
    await hears('the customer hears the supervisor', () => customer.hearsTone(SUPERVISOR_HZ));
    await secondCallApart();
    await hears('the second agent still hears the second customer', () => appHearsTone(secondAgent, SECOND_CUSTOMER_HZ));
  });

  it('a muted agent: the customer hears nothing of the agent, yet still the supervisor in barge; the supervisor still hears the agent, in every mode', async () => {
    await hears('the customer hears the agent before the mute', () => customer.hearsTone(AGENT_HZ));
    await hears('the customer hears the supervisor before the mute', () => customer.hearsTone(SUPERVISOR_HZ));
    await agent.getByRole('button', { name: 'Mute', exact: true }).click();
    await agent.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    // Barge: the supervisor speaks to the customer through the agent's desk; the mute silences only the agent.
    // The customer heard both tones mixed, and a reading names the loudest: one reading without the agent proves nothing.
    await stopsHearingSteadily('the customer no longer hears the muted agent', () => customer.hearsTone(AGENT_HZ));
    await hears('barge: the customer still hears the supervisor while the agent is muted', () =>
      customer.hearsTone(SUPERVISOR_HZ),
    );
    await neverHears('barge: the customer hears the muted agent', () => customer.hearsTone(AGENT_HZ));
    await hears('barge: the supervisor still hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await hears('barge: the supervisor still hears the muted agent', () => appHearsTone(supervisor, AGENT_HZ));

    await inMode('coach', 'Coach');
    await hears('coach: the agent still hears the supervisor', () => appHearsTone(agent, SUPERVISOR_HZ));
    await hears('coach: the supervisor still hears the muted agent', () => appHearsTone(supervisor, AGENT_HZ));
    await neverHears('coach: the customer hears the muted agent', () => customer.hearsTone(AGENT_HZ));

    await inMode('listen', 'Listen');
    await hears('listen: the supervisor still hears the muted agent', () => appHearsTone(supervisor, AGENT_HZ));
    await neverHears('listen: the customer hears the muted agent', () => customer.hearsTone(AGENT_HZ));

    await agent.getByRole('button', { name: 'Unmute', exact: true }).click();
    await hears('the customer hears the agent again', () => customer.hearsTone(AGENT_HZ));
    await hears('the supervisor still hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
  });
});
