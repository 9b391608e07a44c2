import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appHearsTone } from '../support/app-audio';
import { snap } from '../support/screenshots';
import {
  agentState,
  draftKept,
  DRAFT_AS_WRITTEN,
  customerLine,
  customerOnTheLine,
  fillEscalation,
  openQueueBench,
  ringingMembers,
  SENIOR_HZ,
  CUSTOMER_HZ,
  TOPOLOGIES,
  withCard,
  type QueueBench,
  type QueueTopology,
  useQueueStory,
} from './escalation-queue.harness';
import { eventually, rising, type FarEndDriver } from './phone-engine.harness';

/**
 * Escalation through real queues (issue 12): the Senior target is a queue address with two
 * members, on the lab with its shipped config (ACD, one member at a time) and on Kamailio with a
 * group address that forks to every member. The SIP.js customer speaks 1250 Hz, the seniors 880 Hz.
 */
let bench: QueueBench;

beforeAll(async () => {
  bench = await openQueueBench();
});
afterAll(async () => {
  await bench?.close();
});

describe.each(TOPOLOGIES)('escalation to a queue on %s', (_name, start) => {
  let topology: QueueTopology;
  let agent: Page;
  let seniors: Page[];
  let customer: FarEndDriver;

  const story = useQueueStory(() => bench, start);
  beforeEach(() => {
    ({ topology, agent, seniors, customer } = story());
  });

  async function consultQueue(): Promise<void> {
    await customerOnTheLine(agent, customer, topology);
    await fillEscalation(agent);
    expect(await agent.getByLabel('To', { exact: true }).inputValue()).toBe('senior');
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
  }

  /** The member whose card rang answers; on a forking server the others stop ringing and lose the card. */
  async function memberAnswers(): Promise<Page> {
    const [member] = await ringingMembers(seniors);
    if (!member) throw new Error('no member rang');
    expect(await member.getByTestId('handoff-card').textContent()).toContain('Refund of 240 EUR refused twice');
    await member.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await eventually(
      () => withCard(seniors),
      (pages) => pages.length === 1 && pages[0] === member,
      'only the answering member keeps the card',
    );
    return member;
  }

  it('a member takes the consult and Complete lands: the customer talks to that member, the agent is free', async () => {
    await consultQueue();
    const member = await memberAnswers();
    // A colleague's consult is not a customer call: the member's assistant waits for the customer.
    expect(await member.getByTestId('assist-panel').count()).toBe(0);
    await agent.getByRole('button', { name: 'Complete transfer' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.referTo !== undefined,
      'the customer was referred',
    );
    // The customer is sent to the member who answered, never back into the queue.
    expect((await customer.state()).referTo).not.toContain(`${topology.seniorQueue}@`);
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
    // Both of the agent's legs are gone (no call, no consult bar): the agent is in after-call work.
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up',
    );
    expect(await agent.getByTestId('consult-bar').count()).toBe(0);
    expect(await member.getByTestId('handoff-card').textContent()).toContain('Refund of 240 EUR');
    expect(await agentState(member)).toBe('Status: On a call');
    await member.getByTestId('assist-panel').waitFor();
    await snap(member, `queue-handoff-after-transfer-${topology.forks ? 'kamailio' : 'lab'}`);
  });

  /** One action takes the agent back: the customer is off hold and hears the agent's line again. */
  async function backWithTheCustomer(): Promise<void> {
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: On a call',
      'agent back on the call',
    );
    await agent.getByText('On a call', { exact: true }).waitFor();
    await rising(() => customer.inboundBytes(), 'audio to the customer again');
  }

  it('one member busy, one free: the free member rings and takes it, and Complete lands', async () => {
    const other = await customerLine(bench, topology, 1);
    await other.call(`sip:${topology.seniors[0].user}@${topology.domain}`);
    await seniors[0]!.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => other.state(),
      (s) => s.session === 'Established',
      'the first senior busy with another customer',
    );
    await consultQueue();
    await seniors[1]!.getByTestId('handoff-card').waitFor();
    await seniors[1]!.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await agent.getByRole('button', { name: 'Complete transfer' }).click();
    await eventually(
      () => customer.hearsTone(SENIOR_HZ),
      (h) => h,
      'customer hears the free senior',
    );
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up',
    );
    expect(await agentState(seniors[0]!)).toBe('Status: On a call');
  });

  /** The member the queue offers next (the ACD picks one, a forking server rings all): not one of `done`. */
  async function nextOffered(done: readonly Page[]): Promise<Page> {
    const [member] = await ringingMembers(seniors.filter((p) => !done.includes(p)));
    if (!member) throw new Error('no member rang');
    return member;
  }

  it('the first member declines with a reason and the second takes it', async () => {
    await consultQueue();
    const first = await nextOffered([]);
    await first.getByLabel('Decline with a reason…').selectOption('not-my-expertise');
    const second = await nextOffered([first]);
    await second.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    expect(await first.getByTestId('handoff-card').count()).toBe(0);
  });

  it('every member declines: the agent reads why at once, with the fallbacks, and goes back to the customer', async () => {
    await consultQueue();
    const declined: Page[] = [];
    while (declined.length < seniors.length) {
      const member = await nextOffered(declined);
      await member.getByLabel('Decline with a reason…').selectOption('call-back-later');
      declined.push(member);
    }
    await agent.getByTestId('consult-bar').getByText('The colleague declined the consult (SIP 603).').waitFor();
    await agent.getByRole('button', { name: 'Try the Technical queue' }).waitFor();
    await agent.getByRole('button', { name: 'Blind transfer instead' }).waitFor();
    await agent.getByRole('button', { name: 'Back to the customer' }).click();
    await backWithTheCustomer();
    expect(await draftKept(agent)).toEqual(DRAFT_AS_WRITTEN);
  });

  it('no member free: the agent is told at once, with the fallbacks', async () => {
    for (const member of seniors) {
      await member.locator('#break-reason').selectOption('meeting');
      await eventually(
        () => agentState(member),
        (t) => t?.startsWith('Status: On a break') ?? false,
        'member on a break',
      );
    }
    await consultQueue();
    await agent.getByTestId('consult-bar').getByText('Everyone in that queue is busy (SIP 486).').waitFor();
    await snap(agent, `queue-consult-no-member-free-${topology.forks ? 'kamailio' : 'lab'}`);
    await agent.getByRole('button', { name: 'Back to the customer' }).click();
    await backWithTheCustomer();
  });

  it('Cancel while a member rings gives the customer back and withdraws the card', async () => {
    await consultQueue();
    const ringing = await ringingMembers(seniors);
    await agent.getByRole('button', { name: 'Cancel consult' }).click();
    await backWithTheCustomer();
    await eventually(
      () => withCard(ringing),
      (pages) => pages.length === 0,
      'the card withdrawn',
    );
    expect(await draftKept(agent)).toEqual(DRAFT_AS_WRITTEN);
  });

  it("the customer's phone refuses the transfer (603): the agent is told, still has both, and goes back to the customer", async () => {
    await consultQueue();
    const member = await memberAnswers();
    await customer.refuseNextRefer(603);
    await agent.getByRole('button', { name: 'Complete transfer' }).click();
    await agent
      .getByTestId('consult-bar')
      .getByText("The customer's phone did not take the transfer to Senior queue (SIP 603).", { exact: false })
      .waitFor();
    await snap(agent, `queue-transfer-refused-${topology.forks ? 'kamailio' : 'lab'}`);
    await agent.getByRole('button', { name: 'Back to the customer' }).click();
    await backWithTheCustomer();
    await eventually(
      () => agentState(member),
      (t) => t !== 'Status: On a call',
      'the member released',
    );
  });
});
