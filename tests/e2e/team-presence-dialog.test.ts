import { describe, expect, it } from 'vitest';
import { showsAs, stateOf, teamLab, useTeamBench } from './team.harness';

/**
 * Busy lamps only (issue 15: colleagues watched through the `presence` and `dialog` packages). Many
 * servers give no presence, only RFC 4235 dialog state: here the lab configured so (a `presence`
 * SUBSCRIBE or PUBLISH gets 489). Warmline falls back to the `dialog` package for each colleague
 * (renderer/src/phone/presence.ts), and the team list follows the colleague's calls from it.
 */
const DOMAIN = 'warmline.test';
const bench = useTeamBench(
  teamLab(DOMAIN, 'team-dialog', ['agent1', 'senior1', 'customer1'], [], { presencePackages: ['dialog'] }),
);

describe('team presence from the dialog package (a server without presence)', () => {
  it('a colleague takes a call and hangs up: the agent’s team list shows it from the dialog state', async () => {
    const agent = await bench.listDesk('agent1', ['senior1']);
    const senior = await bench.listDesk('senior1', ['agent1']);
    // Nothing but a dialog NOTIFY can say so: the lab refuses every presence subscription.
    await showsAs(agent, 'senior1', 'available', 'the colleague shows as available (no dialog)');

    const customer = await bench.customer({ uri: `sip:customer1@${DOMAIN}`, toneHz: 1250 });
    await customer.call(`sip:senior1@${DOMAIN}`);
    await senior.getByRole('button', { name: 'Answer' }).click();
    await showsAs(agent, 'senior1', 'on-call', 'the colleague shows on a call (a confirmed dialog)');
    await customer.hangup();
    await showsAs(agent, 'senior1', 'available', 'the colleague available again (the dialog terminated)');
    // And the other way round: the colleague's list has the agent from the dialog package too.
    expect(await stateOf(senior, 'agent1')).toBe('available');
    await customer.page.close();
    expect(bench.pageErrors).toEqual([]);
  });
});
