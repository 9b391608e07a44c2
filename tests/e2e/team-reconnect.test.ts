import { describe, expect, it } from 'vitest';
import { eventually } from './phone-engine.harness';
import { dropSipSockets, sipSocketsOf } from './sip-sockets';
import { reconnected, showsAs, showsLine, stateOf, supportAndSeniorLab, useTeamBench } from './team.harness';

/**
 * The team board survives the network (issue 15: "reconnecting subscriptions after a drop"), on
 * the lab. The lab ends a watcher's subscriptions when its WebSocket closes, and a restarted lab
 * knows no publication and no subscription: each Warmline must subscribe again and publish its
 * own state again once it is connected, or the team list and the board silently stop following.
 */
const DOMAIN = 'warmline.test';
const bench = useTeamBench(
  supportAndSeniorLab(DOMAIN, 'team-reconnect', {
    agents: ['agent1', 'agent2'],
    seniors: ['senior1'],
    customers: ['customer1'],
  }),
);
const pageErrors = bench.pageErrors;
const desk = (user: string) => bench.desk(user, { queuePause: 'message' });

describe('the team board after a WebSocket drop and a lab restart (lab)', () => {
  it('subscriptions and the own publication are made again: the team list and the board follow as before', async () => {
    const agent = await desk('agent1');
    const senior = await desk('senior1');
    await showsAs(agent, 'senior1', 'available', 'the senior shows as available');

    // The agent's WebSocket drops: the lab ends the agent's subscriptions with it.
    const before = (await sipSocketsOf(agent)).opened;
    await dropSipSockets(agent);
    await reconnected(agent, before, 'the agent');
    await senior.getByLabel('Take a break…').selectOption('lunch');
    await showsLine(agent, 'senior1', 'Break · Lunch', 'the senior’s break, seen after the agent reconnected');

    // The lab restarts: it forgets every publication and subscription.
    const opened = [(await sipSocketsOf(agent)).opened, (await sipSocketsOf(senior)).opened];
    await bench.server.restart!();
    await reconnected(agent, opened[0]!, 'the agent');
    await reconnected(senior, opened[1]!, 'the senior');

    // A colleague signing in now learns the break and its reason only from the senior's new PUBLISH
    // (the lab alone would say Available or a bare Break from the queue pause).
    const colleague = await desk('agent2');
    await showsLine(
      colleague,
      'senior1',
      'Break · Lunch',
      'the senior’s break and its reason, published again after the restart',
    );

    // The agent's board is subscribed again: a customer waiting in the senior queue shows.
    const customer = await bench.customer({ uri: `sip:customer1@${DOMAIN}`, toneHz: 1250 });
    await customer.call(`sip:senior@${DOMAIN}`);
    await eventually(
      () =>
        agent
          .getByTestId('waiting-senior')
          .textContent({ timeout: 1_000 })
          .catch(() => null),
      (t) => t === '1',
      'the customer waiting in the senior queue, on the agent’s board after the restart',
    );
    await customer.hangup();
    await customer.page.close();

    // And the agent's presence subscription is made again: the senior's return shows.
    await senior.getByRole('button', { name: 'Available' }).click();
    await showsAs(agent, 'senior1', 'available', 'the senior available again, on the agent’s list after the restart');
    expect(await stateOf(colleague, 'senior1')).not.toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
