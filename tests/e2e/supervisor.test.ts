import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../shared/history';
import type { SupervisionMode } from '../../shared/supervision/request';
import { appHearsTone } from '../support/app-audio';
import { startAppHost, type AppHost } from '../support/app-host';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { readyToAvailable } from './desk-actions';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import {
  attributeOf,
  customerAnswered,
  hears,
  neverHears,
  signedInWarmline,
  superviseRequests,
  useToneBench,
  supervisorConnected,
} from './warmline-pages.harness';

/**
 * Supervisor listen / coach / barge (issue 16) end to end, with no media server: a SIP.js
 * customer, the agent's Warmline and the supervisor's Warmline (both through the browser host),
 * against Kamailio and the lab. Each party speaks its own tone (the agent's and the supervisor's
 * browsers capture a WAV, the customer's page generates one), and who hears whom is measured.
 * One call and one set of pages per server, shared by the steps, to keep the file short.
 */
const CUSTOMER_HZ = 1250;
const AGENT_HZ = 660;
const SUPERVISOR_HZ = 880;

const bench = useToneBench({ agent: AGENT_HZ, supervisor: SUPERVISOR_HZ });

const signedIn = (server: SipTestServer, browser: Browser, app: AppHost, user: string, supervisor: boolean) =>
  signedInWarmline(server, browser, app, user, { displayName: user, supervisor }, bench().pageErrors);

describe.each(SIP_SERVERS)('supervisor on an agent call through %s', (_name, start) => {
  let server: SipTestServer;
  let agentApp: AppHost;
  let supervisorApp: AppHost;
  let agent: Page;
  let supervisor: Page;
  let customer: FarEndDriver;
  let agentUser: string;
  let supervisorUser: string;

  beforeAll(async () => {
    server = await start();
    agentApp = await startAppHost(join(bench().dir, newUser('agent-data')));
    supervisorApp = await startAppHost(join(bench().dir, newUser('supervisor-data')));
    agentUser = newUser('agent');
    supervisorUser = newUser('senior');
    agent = await signedIn(server, bench().browsers.agent, agentApp, agentUser, false);
    supervisor = await signedIn(server, bench().browsers.supervisor, supervisorApp, supervisorUser, true);
  });
  afterAll(async () => {
    await agent?.close();
    await supervisor?.close();
    await customer?.page.close();
    await agentApp?.close();
    await supervisorApp?.close();
    await server?.stop();
    expect(bench().pageErrors.splice(0)).toEqual([]);
  });

  async function customerCallsAndAgentAnswers(): Promise<void> {
    await customerAnswered(customer, `sip:${agentUser}@${server.domain}`, agent);
    await hears('agent hears the customer', () => appHearsTone(agent, CUSTOMER_HZ));
  }

  const board = () => supervisor.getByTestId('supervisor-board');
  const monitor = () => supervisor.getByTestId('monitor');
  const indicator = () => agent.getByTestId('supervision-indicator');

  async function switchTo(mode: SupervisionMode, label: string): Promise<void> {
    await monitor().getByRole('button', { name: label, exact: true }).click();
    await eventually(
      () => attributeOf(supervisor, 'monitor', 'data-mode'),
      (m) => m === mode,
      `supervisor's leg in ${mode}`,
    );
    await eventually(
      () => attributeOf(agent, 'supervision-indicator', 'data-mode'),
      (m) => m === mode,
      `agent's indicator in ${mode}`,
    );
  }

  it('Listen: the supervisor hears the customer and the agent; nobody hears the supervisor; the agent is told', async () => {
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', {
      displayName: 'Dana',
      toneHz: CUSTOMER_HZ,
    });
    await customerCallsAndAgentAnswers();
    await board().getByLabel('Agent').fill(agentUser);
    await board().locator('.any-agent').getByRole('button', { name: 'Listen', exact: true }).click();
    await supervisorConnected(supervisor);
    // The agent's Warmline shows it once its mix is in place, which may be just after the supervisor's ACK.
    await eventually(
      () =>
        indicator()
          .textContent({ timeout: 1_000 })
          .catch(() => null),
      (t) => t === `Supervisor ${supervisorUser} is listening`,
      "agent's indicator",
    );
    // No ringing card: the agent's Warmline answered the supervisor by itself.
    expect(await agent.getByRole('alertdialog', { name: 'Incoming call' }).count()).toBe(0);
    await hears('supervisor hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await hears('supervisor hears the agent', () => appHearsTone(supervisor, AGENT_HZ));
    await hears('customer still hears the agent', () => customer.hearsTone(AGENT_HZ));
    await neverHears('customer hears the supervisor', () => customer.hearsTone(SUPERVISOR_HZ));
    await neverHears('agent hears the supervisor', () => appHearsTone(agent, SUPERVISOR_HZ));
    await snap(agent, 'supervised-call');
    await snap(supervisor, 'supervisor-board');
  });

  it('Coach: the agent hears the supervisor, the customer does not', async () => {
    await switchTo('coach', 'Coach');
    expect(await indicator().textContent()).toBe(`Supervisor ${supervisorUser} is coaching you`);
    await hears('agent hears the supervisor', () => appHearsTone(agent, SUPERVISOR_HZ));
    await hears('agent still hears the customer', () => appHearsTone(agent, CUSTOMER_HZ));
    await hears('supervisor still hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await neverHears('customer hears the supervisor', () => customer.hearsTone(SUPERVISOR_HZ));
  });

  it('Barge: everyone hears everyone', async () => {
    await switchTo('barge', 'In the call');
    expect(await indicator().textContent()).toBe(`Supervisor ${supervisorUser} is in the call`);
    await hears('customer hears the supervisor', () => customer.hearsTone(SUPERVISOR_HZ));
    await hears('customer hears the agent', () => customer.hearsTone(AGENT_HZ));
    await hears('agent hears the supervisor', () => appHearsTone(agent, SUPERVISOR_HZ));
    await hears('supervisor hears the customer', () => appHearsTone(supervisor, CUSTOMER_HZ));
    await hears('supervisor hears the agent', () => appHearsTone(supervisor, AGENT_HZ));
  });

  it('back to Listen: the supervisor is silent again; the call ends, so does supervision, and history keeps each mode', async () => {
    await switchTo('listen', 'Listen');
    await eventually(
      () => customer.hearsTone(SUPERVISOR_HZ),
      (h) => !h,
      'customer no longer hears the supervisor',
      20_000,
    );
    await eventually(
      () => appHearsTone(agent, SUPERVISOR_HZ),
      (h) => !h,
      'agent no longer hears the supervisor',
      20_000,
    );
    await customer.hangup();
    await monitor().waitFor({ state: 'detached' });
    await indicator().waitFor({ state: 'detached' });
    const history = await eventually(
      async () => (await agentApp.services.handlers.listHistory({ limit: 10 })) as HistoryPage,
      (page) => (page.items[0]?.supervisions?.length ?? 0) > 0,
      'the supervised call in history',
    );
    expect(history.items[0]?.supervisions?.map((s) => [s.supervisor, s.mode])).toEqual([
      [supervisorUser, 'listen'],
      [supervisorUser, 'coach'],
      [supervisorUser, 'barge'],
      [supervisorUser, 'listen'],
    ]);
  });

  it('Leave: supervision ends and the call goes on; forged, expired, other-call and replayed requests are refused', async () => {
    // The previous call's wrap-up: the agent takes the next call.
    await agent.getByRole('form', { name: 'After-call work' }).getByLabel('Disposition').selectOption('resolved');
    await readyToAvailable(agent);
    await customerCallsAndAgentAnswers();
    await board().locator('.any-agent').getByRole('button', { name: 'Listen', exact: true }).click();
    await indicator().waitFor();
    await monitor().getByRole('button', { name: 'Leave' }).click();
    await indicator().waitFor({ state: 'detached' });
    await hears('agent still hears the customer', () => appHearsTone(agent, CUSTOMER_HZ));

    const intruder = await FarEndDriver.open(bench().browsers.supervisor, bench().pages, server, 'callee', { toneHz: 440 });
    const { sign: request, attempt } = superviseRequests(intruder, agentUser, server.domain);
    const forged = await request({}, 'not-the-team-key');
    expect((await attempt(forged)).finalStatus).toBe(403);
    const expired = await request({ issuedAt: Date.now() - 61_000 });
    expect((await attempt(expired)).finalStatus).toBe(403);
    const otherCall = await request({ call: 'wl-00000000000000000000000000000000' });
    expect((await attempt(otherCall)).finalStatus).toBe(403);
    const valid = await request({});
    expect((await attempt(valid)).finalStatus).toBe(200);
    await indicator().waitFor();
    await intruder.hangup();
    await indicator().waitFor({ state: 'detached' });
    expect((await attempt(valid)).finalStatus).toBe(403);
    // None of them rang the agent.
    expect(await agent.getByRole('alertdialog', { name: 'Incoming call' }).count()).toBe(0);
    await intruder.page.close();
    await customer.hangup();
  });
});
