import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  agentState,
  customerOnTheLine,
  fillEscalation,
  labShipped,
  openQueueBench,
  ringingMembers,
  useQueueStory,
  type QueueBench,
  type QueueTopology,
} from './escalation-queue.harness';
import { eventually, type FarEndDriver } from './phone-engine.harness';

/**
 * Hang up during an escalation (walk fault 1: the agent was left in "Consulting" with no call,
 * the state buttons disabled and no wrap-up). On the lab with its shipped config (the senior queue
 * of two members, default settings): Hang up ends whom the agent is talking to, and every path
 * ends in wrap-up for the customer's call, then Ready.
 */
let bench: QueueBench;

beforeAll(async () => {
  bench = await openQueueBench();
});
afterAll(async () => {
  await bench?.close();
});

describe('Hang up during a consult or a three-way, on the lab with its shipped config', () => {
  let topology: QueueTopology;
  let agent: Page;
  let seniors: Page[];
  let customer: FarEndDriver;

  const story = useQueueStory(() => bench, labShipped);
  beforeEach(() => {
    ({ topology, agent, seniors, customer } = story());
  });

  const hangUp = () => agent.getByRole('region', { name: 'Current call' }).getByRole('button', { name: 'Hang up' }).click();

  /** The customer on the line, a consult to the senior queue, the member who rang answers. */
  async function consultAnswered(): Promise<Page> {
    await customerOnTheLine(agent, customer, topology);
    await fillEscalation(agent);
    await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    const [member] = await ringingMembers(seniors);
    if (!member) throw new Error('no member rang');
    await member.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await eventually(
      () => agentState(member),
      (t) => t === 'Status: On a call',
      'the member on the consult',
    );
    return member;
  }

  /**
   * Wrap-up for the customer's call, with the escalation in it, and Ready takes the agent back to
   * Available. With `reload`, the page is reloaded mid-wrap-up first: the restored form has the
   * notes and the same Extends left (an escalated call's longer time is not taken for Extends used).
   */
  async function wrapUpThenReady({ reload = false } = {}): Promise<void> {
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: After-call work',
      'agent in wrap-up',
    );
    let form = agent.getByRole('form', { name: 'After-call work' });
    await form.waitFor();
    await eventually(
      () => form.getByLabel('Notes').inputValue(),
      (notes) => notes.includes('Refund of 240 EUR refused twice'),
      'the escalation in the wrap-up notes',
    );
    if (reload) {
      const extendsLeft = await form.getByRole('button', { name: /^Extend/ }).textContent();
      expect(extendsLeft).toBe('Extend +30 s (3 left)');
      await agent.waitForTimeout(1_000); // the draft is saved within 200 ms of a change
      await agent.reload();
      form = agent.getByRole('form', { name: 'Unfinished wrap-up' });
      await form.waitFor();
      expect(await form.getByLabel('Notes').inputValue()).toContain('Refund of 240 EUR refused twice');
      expect(await form.getByRole('button', { name: /^Extend/ }).textContent()).toBe(extendsLeft);
    }
    await form.getByLabel('Disposition').selectOption('escalated');
    await form.getByRole('button', { name: 'Ready' }).click();
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: Available',
      'agent available again',
    );
  }

  it('talking to the member, Hang up ends the consult: the customer waits on hold; hanging up then ends the call into wrap-up', async () => {
    const member = await consultAnswered();
    await hangUp();
    // The member's consult ended; the customer is still there, on hold, and the agent back on the call.
    await eventually(
      () => agentState(member),
      (t) => t !== 'Status: On a call',
      'the member off the consult',
    );
    await eventually(
      () => agentState(agent),
      (t) => t === 'Status: On a call',
      'agent back on the call',
    );
    expect(await agent.getByTestId('consult-bar').count()).toBe(0);
    expect((await customer.state()).session).toBe('Established');
    await agent.getByTestId('hold-timer').waitFor();
    await hangUp();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Terminated',
      'the customer hung up on',
    );
    await wrapUpThenReady();
  });

  it('in a three-way, Hang up ends the call for everyone; the agent reaches wrap-up, then Ready', async () => {
    const member = await consultAnswered();
    await agent.getByRole('button', { name: 'Three-way' }).click();
    await agent.getByText(/Three-way call with the customer and Senior queue/).waitFor();
    await hangUp();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Terminated',
      'the customer hung up on',
    );
    await eventually(
      () => agentState(member),
      (t) => t !== 'Status: On a call',
      'the member off the call',
    );
    expect(await agent.getByRole('region', { name: 'Current call' }).count()).toBe(0);
    await wrapUpThenReady({ reload: true });
  });
});
