import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHearsTone } from '../support/app-audio';
import type { AppHost } from '../support/app-host';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { FarEndDriver, newUser } from './phone-engine.harness';
import { answerAndConsult, hears, neverHears, stopsHearingSteadily, useToneBench, warmlineDesk } from './warmline-pages.harness';

/**
 * Mute in a three-way call mixed on the agent's machine (issue 16): mute means nobody hears the
 * agent, never that the customer and the senior stop hearing each other. Each leg sends the mix
 * of the agent's microphone and the other party; muting a leg used to disable that whole mix.
 * The customer (a SIP.js page), the agent and the senior (Warmline through the browser host) each
 * speak their own tone, on Kamailio and on the lab.
 */
const CUSTOMER_HZ = 1250;
const AGENT_HZ = 660;
const SENIOR_HZ = 880;

const bench = useToneBench({ agent: AGENT_HZ, senior: SENIOR_HZ });

describe.each(SIP_SERVERS)('mute in a three-way call on %s', (_name, start) => {
  let server: SipTestServer;
  const apps: AppHost[] = [];
  let agent: Page;
  let senior: Page;
  let customer: FarEndDriver;

  beforeAll(async () => {
    server = await start();
    const agentUser = newUser('agent');
    const seniorUser = newUser('senior');
    const more = { seniorQueue: seniorUser, technicalQueue: 'technical1' };
    agent = (await warmlineDesk(bench(), server, bench().browsers.agent, agentUser, { displayName: 'Ana Agent', ...more }, apps))
      .page;
    senior = (
      await warmlineDesk(bench(), server, bench().browsers.senior, seniorUser, { displayName: 'Sam Senior', ...more }, apps)
    ).page;
    customer = await FarEndDriver.open(bench().browsers.agent, bench().pages, server, 'customer', {
      displayName: 'Dana Customer',
      toneHz: CUSTOMER_HZ,
    });
    await answerAndConsult(customer, `sip:${agentUser}@${server.domain}`, agent, 'Wants a manager');
    await senior.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await agent.getByRole('button', { name: 'Three-way' }).click();
    await agent.getByText('Three-way call with the customer and Senior queue.').waitFor();
  });
  afterAll(async () => {
    await customer?.page.close();
    await agent?.close();
    await senior?.close();
    for (const app of apps.splice(0)) await app.close();
    await server?.stop();
    expect(bench().pageErrors.splice(0)).toEqual([]);
  });

  it('everyone hears everyone before the mute', async () => {
    await hears('customer hears the senior', () => customer.hearsTone(SENIOR_HZ));
    await hears('customer hears the agent', () => customer.hearsTone(AGENT_HZ));
    await hears('senior hears the customer', () => appHearsTone(senior, CUSTOMER_HZ));
    await hears('senior hears the agent', () => appHearsTone(senior, AGENT_HZ));
  });

  it('the agent mutes: nobody hears the agent, the customer and the senior still hear each other', async () => {
    // The three-way call shows one card with one Mute, for both legs.
    await agent.getByRole('button', { name: 'Mute', exact: true }).click();
    await agent.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    // Each heard two tones mixed, and a reading names the loudest: one reading without the agent proves nothing.
    await stopsHearingSteadily('customer stops hearing the muted agent', () => customer.hearsTone(AGENT_HZ));
    await stopsHearingSteadily('senior stops hearing the muted agent', () => appHearsTone(senior, AGENT_HZ));
    await hears('customer still hears the senior', () => customer.hearsTone(SENIOR_HZ));
    await hears('senior still hears the customer', () => appHearsTone(senior, CUSTOMER_HZ));
    await neverHears('customer hears the muted agent', () => customer.hearsTone(AGENT_HZ));
    await neverHears('senior hears the muted agent', () => appHearsTone(senior, AGENT_HZ));
  });

  it('unmute: everyone hears the agent again', async () => {
    await agent.getByRole('button', { name: 'Unmute', exact: true }).click();
    await agent.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await hears('customer hears the agent again', () => customer.hearsTone(AGENT_HZ));
    await hears('senior hears the agent again', () => appHearsTone(senior, AGENT_HZ));
    await hears('customer still hears the senior', () => customer.hearsTone(SENIOR_HZ));
  });
});
