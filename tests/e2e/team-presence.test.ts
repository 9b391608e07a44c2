import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { eventually } from './phone-engine.harness';
import { outOfView, pageScrolls, showsAs, stateOf, supportAndSeniorLab, useTeamBench } from './team.harness';

/**
 * The agent's home (issue 15) on the lab: two Warmline pages, an agent and a senior, see each
 * other's states through presence (PUBLISH/SUBSCRIBE), and the queue board shows a customer
 * waiting in the senior queue.
 */
const DOMAIN = 'warmline.test';
const bench = useTeamBench(
  supportAndSeniorLab(DOMAIN, 'team-test', {
    agents: ['agent1', 'agent2'],
    seniors: ['senior1', 'senior2'],
    customers: ['customer1'],
  }),
);
/** The service level cell of a queue on the board (the row's last column). */
const serviceLevel = (page: Page, queue: string) =>
  page.locator(`[data-testid="queue-board"] [data-queue="${queue}"] td:last-child`).textContent({ timeout: 1_000 });
const desk = (user: string) => bench.desk(user, { queuePause: 'message' });

describe('the team board on the lab (presence over PUBLISH/SUBSCRIBE, the queue board)', () => {
  it('an agent sees a senior go on a break, come back, take a call; a customer waiting in the senior queue shows on the board', async () => {
    const agent = await desk('agent1');
    const senior = await desk('senior1');
    await showsAs(agent, 'senior1', 'available', 'the senior shows as available');
    expect(await stateOf(agent, 'senior2')).toBe('offline');
    // Escalation targets first.
    const order = await agent
      .locator('[data-testid="team-list"] [data-user]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-user')));
    expect(order.slice(0, 2)).toEqual(['senior1', 'senior2']);

    await senior.getByLabel('Take a break…').selectOption('lunch');
    await showsAs(agent, 'senior1', 'break', 'the senior shows on a break');
    expect(await agent.locator('[data-user="senior1"] .colleague-state').textContent()).toMatch(/Break · Lunch/);

    const customer = await bench.customer({ uri: `sip:customer1@${DOMAIN}`, toneHz: 1250 });
    await customer.call(`sip:senior@${DOMAIN}`);
    await eventually(
      () => agent.getByTestId('waiting-senior').textContent(),
      (t) => t === '1',
      'a customer waiting in the senior queue',
    );
    expect(await agent.getByTestId('free-senior').textContent()).toBe('Nobody free');
    // Today's service level: no call answered yet in the senior queue (a fresh lab).
    expect(await serviceLevel(agent, 'senior')).toBe('–');
    // The whole home in view at 1280×720 without scrolling: dial pad, callbacks, queues, team.
    expect(
      await outOfView(agent, {
        'dial pad': agent.getByLabel('Number or address'),
        callbacks: agent.getByTestId('callbacks'),
        'queue board': agent.getByTestId('queue-board'),
        team: agent.getByTestId('team-list'),
      }),
    ).toEqual([]);
    expect(await pageScrolls(agent)).toBe(false);
    await snap(agent, 'home-team-board');

    await senior.getByRole('button', { name: 'Available' }).click();
    await senior.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await senior.getByRole('button', { name: 'Answer' }).click();
    await showsAs(agent, 'senior1', 'on-call', 'the senior shows on a call');
    // Beside the call, the senior keeps the queues and the team in view.
    const beside = senior.getByRole('region', { name: 'Team and queues' });
    await beside.getByTestId('queue-board').waitFor();
    expect(
      await outOfView(senior, {
        'Hang up': senior.getByRole('region', { name: 'Current call' }).getByRole('button', { name: 'Hang up', exact: true }),
        'queue board': beside.getByTestId('queue-board'),
        team: beside.getByTestId('team-list'),
      }),
    ).toEqual([]);
    expect(await pageScrolls(senior)).toBe(false);
    await snap(senior, 'call-with-team-board');
    await eventually(
      () => agent.getByTestId('waiting-senior').textContent(),
      (t) => t === '0',
      'nobody waiting any more',
    );
    // One call answered: within the queue's 20 s target or not (the wait depends on the machine's load).
    await eventually(
      () => serviceLevel(agent, 'senior'),
      (t) => t === '100 %' || t === '0 %',
      'the senior queue’s service level, one call answered',
    );
    await customer.hangup();
    await showsAs(agent, 'senior1', 'wrap-up', 'the senior shows in wrap-up');
    await customer.page.close();
  });
});
