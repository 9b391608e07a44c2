import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import {
  closeStory,
  customerLine,
  fillEscalation,
  kamailioGroup,
  labShipped,
  openQueueBench,
  signedInDesk,
  type QueueBench,
  type QueueTopology,
} from './escalation-queue.harness';
import { eventually, type FarEndDriver } from './phone-engine.harness';

/**
 * The supervisor's board (issue 16) as a supervisor uses it: two agents on customer calls, one
 * of them escalates with the customer on hold, and the board puts that agent on top with the
 * hold time, the escalation's reason and severity and where the consult rings. The data is only
 * what each agent's Warmline publishes as presence: the lab (its board names the team) and
 * Kamailio's presence modules (the team list in Settings).
 */
let bench: QueueBench;
beforeAll(async () => {
  bench = await openQueueBench();
});
afterAll(async () => {
  await bench?.close();
});

const TOPOLOGIES = [
  ['the lab with its shipped config', () => labShipped()],
  ['Kamailio with its presence modules', () => kamailioGroup({ presence: true })],
] as const;

/** The users in the supervisor's board, top first. */
const boardOrder = (supervisor: Page) =>
  supervisor
    .locator('[data-testid="supervised-agents"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.user ?? ''));

const row = (supervisor: Page, user: string) => supervisor.locator(`[data-testid="supervised-agents"] tr[data-user="${user}"]`);

/** Whichever desk rings (an ACD picks one) answers; that desk is returned. */
async function answeredWhereItRings(desks: readonly Page[]): Promise<Page> {
  const ringing = await eventually(
    async () => {
      const shown = await Promise.all(desks.map((d) => d.getByRole('button', { name: 'Answer' }).isVisible()));
      return desks.find((_, i) => shown[i]);
    },
    (d) => d !== undefined,
    'a desk rings',
  );
  await ringing!.getByRole('button', { name: 'Answer' }).click();
  return ringing!;
}

describe.each(TOPOLOGIES)("the supervisor's board through %s", (_name, start) => {
  let topology: QueueTopology;
  let ana: Page;
  let ben: Page;
  let supervisor: Page;
  const customers: FarEndDriver[] = [];

  beforeAll(async () => {
    topology = await start();
    const team = topology.forks ? { teamMembers: [topology.agent.user, topology.colleague.user] } : {};
    ana = (await signedInDesk(bench, bench.agentBrowser, topology, topology.agent, 'Ana Agent')).page;
    ben = (await signedInDesk(bench, bench.agentBrowser, topology, topology.colleague, 'Ben Agent')).page;
    await signedInDesk(bench, bench.seniorBrowser, topology, topology.seniors[0], 'Sam Senior');
    supervisor = (
      await signedInDesk(bench, bench.seniorBrowser, topology, topology.supervisor, 'Sue Supervisor', {
        supervisor: true,
        ...team,
      })
    ).page;
    customers.push(await customerLine(bench, topology, 0), await customerLine(bench, topology, 1));
  });
  afterAll(async () => {
    await closeStory(bench);
    await topology?.stop();
    expect(bench.pageErrors.splice(0)).toEqual([]);
  });

  it('two agents on calls: the longer call on top, each with its length (and queue where the server names it)', async () => {
    await customers[0]!.call(topology.customerDials);
    const first = await answeredWhereItRings([ana, ben]);
    const firstUser = first === ana ? topology.agent.user : topology.colleague.user;
    const secondUser = first === ana ? topology.colleague.user : topology.agent.user;
    // Answered one after the other: the first call is the longer one.
    await eventually(
      () =>
        row(supervisor, firstUser)
          .getAttribute('data-state', { timeout: 1_000 })
          .catch(() => null),
      (s) => s === 'on-call',
      'the first agent on a call on the board',
    );
    await customers[1]!.call(first === ana ? topology.colleagueDials : topology.customerDials);
    await answeredWhereItRings([first === ana ? ben : ana]);
    await eventually(
      async () => (await boardOrder(supervisor)).slice(0, 2),
      (top) => top[0] === firstUser && top[1] === secondUser,
      'the longer call on top',
    );
    const callCell = await row(supervisor, firstUser).getByTestId('board-call').textContent();
    expect(callCell).toMatch(/^\d+:\d\d/);
    if (!topology.forks) expect(callCell).toContain('· support');
    expect(await row(supervisor, firstUser).getByTestId('board-escalation').textContent()).toBe('');
    expect(await row(supervisor, firstUser).getByTestId('board-hold').textContent()).toBe('');
  });

  it('the agent who escalates, customer on hold, goes on top with the hold time, reason, severity and where it rings', async () => {
    const order = await boardOrder(supervisor);
    const escalatingUser = order[1]!;
    const escalating = escalatingUser === topology.agent.user ? ana : ben;
    await fillEscalation(escalating);
    await escalating.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    await eventually(
      async () => (await boardOrder(supervisor))[0],
      (top) => top === escalatingUser,
      'the escalating agent on top',
    );
    const escalationCell = row(supervisor, escalatingUser).getByTestId('board-escalation');
    await eventually(
      () => escalationCell.textContent(),
      (t) => t?.includes(`ringing at ${topology.seniorQueue}`) === true,
      'the consult ringing in the senior queue',
    );
    expect(await escalationCell.textContent()).toContain('2 – high');
    expect(await escalationCell.textContent()).toContain('Customer asks for someone with more authority');
    expect(await escalationCell.getAttribute('data-severity')).toBe('2');
    expect(await row(supervisor, escalatingUser).getByTestId('board-hold').textContent()).toMatch(/^\d+:\d\d$/);
    await snap(supervisor, `supervisor-board-escalation-${topology.forks ? 'kamailio' : 'lab'}`);

    // Cancel takes the customer back: no escalation, no hold, and the longer call is on top again.
    await escalating.getByRole('button', { name: 'Cancel consult' }).click();
    await eventually(
      async () => (await boardOrder(supervisor))[0],
      (top) => top === order[0],
      'the longer call on top again',
    );
    expect(await escalationCell.textContent()).toBe('');
    expect(await row(supervisor, escalatingUser).getByTestId('board-hold').textContent()).toBe('');
  });

  it('a customer on hold without an escalation is on top too, and not once taken back', async () => {
    const order = await boardOrder(supervisor);
    const holdingUser = order[1]!;
    const holding = holdingUser === topology.agent.user ? ana : ben;
    await holding.getByRole('button', { name: 'Hold', exact: true }).click();
    await eventually(
      async () => (await boardOrder(supervisor))[0],
      (top) => top === holdingUser,
      'the agent with a customer on hold on top',
    );
    expect(await row(supervisor, holdingUser).getByTestId('board-hold').textContent()).toMatch(/^\d+:\d\d$/);
    expect(await row(supervisor, holdingUser).getByTestId('board-escalation').textContent()).toBe('');
    await holding.getByRole('button', { name: 'Resume', exact: true }).click();
    await eventually(
      async () => (await boardOrder(supervisor))[0],
      (top) => top === order[0],
      'the longer call on top again',
    );
  });

  it('the supervisor sees the escalation waiting, with why and how long the customer waits, and picks it up', async () => {
    const escalatingUser = (await boardOrder(supervisor))[1]!;
    const escalating = escalatingUser === topology.agent.user ? ana : ben;
    const senior = bench.opened.find((p) => p !== ana && p !== ben && p !== supervisor && !customers.some((c) => c.page === p))!;
    await fillEscalation(escalating);
    await escalating.getByRole('button', { name: 'Consult (customer on hold)' }).click();
    const waiting = supervisor.locator(`[data-testid="escalations-waiting"] li[data-from="${escalatingUser}"]`);
    await eventually(
      () => waiting.textContent({ timeout: 1_000 }).catch(() => null),
      (t) => t?.includes('Pick up') === true,
      'the escalation waiting, with Pick up',
    );
    const line = (await waiting.textContent()) ?? '';
    expect(line).toContain(`${escalatingUser} → ${topology.seniorQueue}`);
    expect(line).toContain('2 – high');
    expect(line).toContain('Customer asks for someone with more authority');
    expect(line).toMatch(/customer on hold \d+:\d\d/);
    // The ACD rings one member at a time (the senior, first in its list); a forking server rings every member, this one too.
    expect(line).toContain(topology.forks ? 'ringing here' : `ringing at ${topology.seniors[0].user}`);
    await snap(supervisor, `escalations-waiting-${topology.forks ? 'kamailio' : 'lab'}`);

    await waiting.getByRole('button', { name: 'Pick up' }).click();
    await escalating.getByText('You are talking to Senior queue; the customer is on hold.').waitFor();
    await eventually(
      () => supervisor.getByTestId('agent-state').textContent(),
      (t) => t === 'Status: On a call',
      'the supervisor on the consult',
    );
    expect(await supervisor.getByTestId('handoff-verification').textContent()).toBe('Signed by your team');
    // The senior it rang at no longer rings; the list shows it in consult, not to be picked up again.
    await eventually(
      () => senior.getByRole('button', { name: 'Answer' }).count(),
      (n) => n === 0,
      "the senior's ring withdrawn",
    );
    await eventually(
      () => waiting.getAttribute('data-state', { timeout: 1_000 }).catch(() => null),
      (state) => state === 'talking',
      'the escalation in consult with the supervisor',
    );
    expect(await waiting.getByRole('button', { name: 'Pick up' }).count()).toBe(0);
    await Promise.all(customers.map((c) => c.hangup()));
  });
});
