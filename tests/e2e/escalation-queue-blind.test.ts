import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appHearsTone } from '../support/app-audio';
import { snap } from '../support/screenshots';
import {
  agentState,
  CUSTOMER_HZ,
  customerOnTheLine,
  fillEscalation,
  openQueueBench,
  ringingMembers,
  SENIOR_HZ,
  TOPOLOGIES,
  withCard,
  type QueueBench,
  type QueueTopology,
  useQueueStory,
} from './escalation-queue.harness';
import { eventually, type FarEndDriver } from './phone-engine.harness';

/**
 * A blind transfer to a queue carries the escalation context too (issue 12). The REFER passes
 * through the customer's phone (SIP.js here, which keeps nothing of the Refer-To but its URI):
 * the sealed context rides in Referred-By, which the customer's phone copies into its INVITE to
 * the queue (RFC 3892), opaque to it. On the lab (ACD) and on Kamailio (forking group address).
 */
let bench: QueueBench;

beforeAll(async () => {
  bench = await openQueueBench();
});
afterAll(async () => {
  await bench?.close();
});

describe.each(TOPOLOGIES)('a blind transfer to a queue on %s', (_name, start) => {
  let topology: QueueTopology;
  let agent: Page;
  let seniors: Page[];
  let customer: FarEndDriver;
  const story = useQueueStory(() => bench, start);
  beforeEach(() => {
    ({ topology, agent, seniors, customer } = story());
  });

  it('the member who rings reads the context, signed by the team, which the customer could not read', async () => {
    await customerOnTheLine(agent, customer, topology);
    await fillEscalation(agent);
    await agent.getByRole('button', { name: 'Blind transfer', exact: true }).click();

    const [member] = await ringingMembers(seniors);
    if (!member) throw new Error('no member rang');
    const refer = (await customer.state()).referText ?? '';
    expect(refer).toMatch(/^Referred-By: <sip:[^>]+>;x-warmline-context=w2\.[A-Za-z0-9_.-]+\r?$/im);
    for (const plain of ['Refund', '240 EUR', 'Prefers email', 'wants-higher-authority']) expect(refer).not.toContain(plain);

    const card = member.getByTestId('handoff-card');
    expect(await card.textContent()).toContain('Refund of 240 EUR refused twice');
    expect(await member.getByTestId('handoff-verification').textContent()).toBe('Signed by your team');
    await snap(member, `queue-blind-handoff-${topology.forks ? 'kamailio' : 'lab'}`);
    await member.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.hearsTone(SENIOR_HZ),
      (h) => h,
      'customer hears the senior',
    );
    await eventually(
      () => appHearsTone(member, CUSTOMER_HZ),
      (h) => h,
      'senior hears the customer',
    );
    await eventually(
      () => withCard(seniors),
      (pages) => pages.length === 1 && pages[0] === member,
      'only the answering member keeps the card',
    );
    expect(await agentState(member)).toBe('Status: On a call');
    // The customer's phone reported the transfer done (NOTIFY 200): the agent's call is over.
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up',
    );
  });
});
