import { describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { dropSipSockets, sipSocketsOf } from './sip-sockets';
import { reconnected, showsAs, showsLine, stateOf, teamKamailio, useTeamBench } from './team.harness';

/**
 * The team's presence through Kamailio's presence modules (issue 15), not the lab: two Warmline
 * pages PUBLISH their states as PIDF to Kamailio (presence + presence_xml) and SUBSCRIBE to each
 * other; the agent's team list (from the team-list setting: Kamailio has no queue board, and the
 * home says so) follows the colleague through Available, On a call, Wrap-up and Break.
 */
const bench = useTeamBench(teamKamailio);
const pageErrors = bench.pageErrors;

describe('team presence through Kamailio (presence, presence_xml)', () => {
  it('a colleague goes Available → On a call → Wrap-up → Break and the agent’s team list follows', async () => {
    const agent = await bench.listDesk('agent1', ['senior1']);
    const senior = await bench.listDesk('senior1', ['agent1']);
    await showsAs(agent, 'senior1', 'available', 'the colleague shows as available');
    expect(await agent.getByTestId('team-panel').textContent()).toContain(
      "This server gives no queue figures: colleagues' presence only.",
    );

    const customer = await bench.customer({ toneHz: 1250 });
    await customer.call(`sip:senior1@${bench.server.domain}`);
    await senior.getByRole('button', { name: 'Answer' }).click();
    await showsAs(agent, 'senior1', 'on-call', 'the colleague shows on a call');
    await customer.hangup();
    await showsAs(agent, 'senior1', 'wrap-up', 'the colleague shows in wrap-up');
    await senior.getByRole('form', { name: 'After-call work' }).getByRole('button', { name: 'Ready' }).click();
    await showsAs(agent, 'senior1', 'available', 'the colleague available again');
    await senior.getByLabel('Take a break…').selectOption('lunch');
    await showsAs(agent, 'senior1', 'break', 'the colleague shows on a break');
    expect(await agent.locator('[data-user="senior1"] .colleague-state').textContent()).toMatch(/^Break · Lunch/);
    // And the other way round: the colleague sees the agent.
    expect(await stateOf(senior, 'agent1')).toBe('available');
    await snap(agent, 'home-team-kamailio');
    await customer.page.close();
    expect(pageErrors).toEqual([]);
  });

  // Kamailio's registrar answers JsSIP's REGISTER with a GRUU, and JsSIP then puts the GRUU (no
  // ;transport=ws) in the Contact of every later request: a SUBSCRIBE sent after sign-in must still
  // bring its NOTIFYs back over the agent's WebSocket, not to UDP.
  it('a colleague added in Settings after sign-in, and a WebSocket drop after it: the team list follows', async () => {
    const agent = await bench.listDesk('agent2', ['senior3']);
    const senior = await bench.listDesk('senior2', ['agent2']);
    expect(await stateOf(agent, 'senior2')).toBeNull();

    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    await agent.getByLabel('Team (SIP users)').fill('senior3, senior2');
    await agent.getByRole('button', { name: 'Save', exact: true }).click();
    await agent.getByText('Settings saved.').waitFor();
    await agent.getByRole('button', { name: 'Phone', exact: true }).click();
    await showsAs(agent, 'senior2', 'available', 'the colleague added after sign-in shows as available');
    await senior.getByLabel('Take a break…').selectOption('lunch');
    await showsLine(agent, 'senior2', 'Break · Lunch', 'the added colleague’s break');

    // The agent's WebSocket drops; its subscriptions are made again on the new connection.
    const before = (await sipSocketsOf(agent)).opened;
    await dropSipSockets(agent);
    await reconnected(agent, before, 'the agent');
    await senior.getByRole('button', { name: 'Available' }).click();
    await showsAs(agent, 'senior2', 'available', 'the colleague available again, seen after the agent reconnected');
    await senior.getByLabel('Take a break…').selectOption('lunch');
    await showsLine(agent, 'senior2', 'Break · Lunch', 'the colleague’s next break, seen after the agent reconnected');
    expect(pageErrors).toEqual([]);
  });
});
