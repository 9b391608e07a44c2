import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import { snap } from '../support/screenshots';
import { eventually } from './phone-engine.harness';
import { supportAndSeniorLab, useTeamBench } from './team.harness';
import { customerAnswered, escalateForManager } from './warmline-pages.harness';

/**
 * Escalating from what is seen (issue 15), on the lab: the escalation panel says, before Consult,
 * that nobody in the senior queue is free while the only signed-in senior is on a break; when the
 * senior comes back the panel counts them free and lists them, and choosing them consults them
 * directly; Complete hands the customer over.
 */
const DOMAIN = 'warmline.test';
const bench = useTeamBench(
  supportAndSeniorLab(DOMAIN, 'team-escalation', {
    agents: ['agent1'],
    seniors: ['senior1', 'senior2'],
    customers: ['customer1'],
  }),
);
const pageErrors = bench.pageErrors;
const desk = (user: string) => bench.desk(user, { teamKey: TEAM_KEY, queuePause: 'message' });

const text = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .textContent({ timeout: 1_000 })
    .catch(() => null);

describe('escalating to a free colleague, seen on the team board (lab)', () => {
  it('the panel says nobody in the senior queue is free while the senior is on a break, then lists them; choosing them consults them', async () => {
    const agent = await desk('agent1');
    const senior = await desk('senior1');
    await senior.getByLabel('Take a break…').selectOption('lunch');
    await eventually(
      () => agent.locator('[data-testid="team-list"] [data-user="senior1"]').getAttribute('data-state', { timeout: 1_000 }),
      (s) => s === 'break',
      'the senior shows on a break',
    );

    const customer = await bench.customer({ uri: `sip:customer1@${DOMAIN}`, toneHz: 1250 });
    await customerAnswered(customer, `sip:agent1@${DOMAIN}`, agent);

    await escalateForManager(agent);
    expect(await agent.getByLabel('To', { exact: true }).inputValue()).toBe('senior');
    await eventually(
      () => text(agent, 'escalation-free-senior'),
      (t) => t === 'Senior queue: nobody free',
      'the panel says nobody in the senior queue is free',
    );
    expect(await agent.getByTestId('escalation-nobody-free').textContent()).toMatch(
      /^Nobody in the Senior queue is free right now/,
    );
    expect(await agent.getByText('No colleague is free right now.').isVisible()).toBe(true);

    await senior.getByRole('button', { name: 'Available' }).click();
    await eventually(
      () => text(agent, 'escalation-free-senior'),
      (t) => t === 'Senior queue: 1 free now',
      'the panel counts the senior free',
    );
    expect(await agent.getByTestId('escalation-nobody-free').count()).toBe(0);
    const consultSenior = agent.getByRole('button', { name: 'Consult senior1' });
    await consultSenior.waitFor();

    await agent.getByLabel('Summary in one line').fill('Wants a manager about the refund');
    await snap(agent, 'escalation-free-colleagues');
    await consultSenior.click();
    await senior.getByTestId('handoff-card').waitFor();
    expect(await senior.getByTestId('handoff-card').textContent()).toContain('Wants a manager about the refund');
    await senior.getByRole('button', { name: 'Answer' }).click();
    await agent.getByText('You are talking to senior1; the customer is on hold.').waitFor();
    await agent.getByRole('button', { name: 'Complete transfer' }).click();
    await eventually(
      () => agent.getByTestId('agent-state').textContent(),
      (t) => t === 'Status: After-call work',
      'the agent is free of the call, in wrap-up',
    );
    await eventually(
      () =>
        senior.evaluate(() => {
          const state = (
            window as unknown as { warmlineState(): { calls: { info: { remote: { number: string } } }[] } }
          ).warmlineState();
          return state.calls.map((c) => c.info.remote.number);
        }),
      (numbers) => numbers.length === 1 && numbers[0] === 'customer1',
      'the senior has the customer',
    );
    await customer.page.close();
    expect(pageErrors).toEqual([]);
  });
});
