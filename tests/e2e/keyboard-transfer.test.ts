import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { windowKeymap } from '../../shared/host-api/shortcuts';
import { startAppHost } from '../support/app-host';
import { startLabTestServer, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { useDeskBench } from './desk-bench';
import { agentState, press, signedInAgent as signIn } from './keyboard.harness';
import { eventually, newUser } from './phone-engine.harness';

/**
 * A warm transfer by keyboard alone against the lab server: the agent and a senior, both Warmline
 * in the browser host, and a SIP.js customer; every step after the panel's fields is a key.
 */
let server: SipTestServer;
const bench = useDeskBench();
const keymap = windowKeymap();

describe('warm transfer by keyboard against the lab server', () => {
  beforeAll(async () => {
    server = await startLabTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a warm transfer by keyboard alone: consult, declined and back, swap, cancel, three-way, complete', async () => {
    const seniorUser = newUser('senior');
    const { page: agent, user } = await signIn(bench, server, bench.app, newUser('agent'), seniorUser);
    const seniorDir = makeTempDir();
    const seniorApp = await startAppHost(join(seniorDir.path, 'senior'));
    let seniorPage: Page | undefined;
    try {
      const { page: senior } = await signIn(bench, server, seniorApp, seniorUser, seniorUser);
      seniorPage = senior;
      const customer = await bench.customer(server);
      const consultStatus = agent.getByTestId('consult-bar').getByRole('status');
      const consult = async () => {
        await press(agent, keymap.escalate);
        const panel = agent.getByRole('dialog', { name: 'Escalate this call' });
        await panel.getByLabel('Why').selectOption('wants-higher-authority');
        await panel.getByLabel('Summary in one line').fill('Wants a refund above my limit');
        // Enter in a field of the panel is Consult.
        await agent.keyboard.press('Enter');
        await panel.waitFor({ state: 'detached' });
        await senior.getByTestId('handoff-card').waitFor();
      };

      await customer.call(`sip:${user}@${server.domain}`);
      await agent.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
      await press(agent, keymap.answer);
      await eventually(
        () => customer.state(),
        (s) => s.session === 'Established',
        'customer connected',
      );

      await consult();
      await press(senior, keymap.decline);
      await agent.getByText('Everyone in that queue is busy (SIP 486).').first().waitFor();
      await press(agent, keymap['back-to-customer']);
      await agent.getByText('On a call', { exact: true }).waitFor();

      await consult();
      await press(senior, keymap.answer);
      await eventually(
        () => consultStatus.textContent(),
        (t) => t === 'You are talking to Senior queue; the customer is on hold.',
        'consulting',
      );
      await press(agent, keymap.swap);
      await eventually(
        () => consultStatus.textContent(),
        (t) => t === 'You are talking to the customer; Senior queue is on hold.',
        'swapped',
      );
      await press(agent, keymap['cancel-consult']);
      await agent.getByText('On a call', { exact: true }).waitFor();
      await eventually(
        () => agentState(senior),
        (t) => t === 'Status: After-call work',
        'senior released',
      );
      await press(senior, keymap.ready);
      await eventually(
        () => agentState(senior),
        (t) => t === 'Status: Available',
        'senior available again',
      );

      await consult();
      await press(senior, keymap.answer);
      await eventually(
        () => consultStatus.textContent(),
        (t) => t?.startsWith('You are talking to Senior queue') ?? false,
        'consulting again',
      );
      await press(agent, keymap['three-way']);
      await eventually(
        () => consultStatus.textContent(),
        (t) => t === 'Three-way call with the customer and Senior queue.',
        'three-way',
      );
      await press(agent, keymap['complete-transfer']);
      await eventually(
        () => agentState(agent),
        (t) => t === 'Status: After-call work',
        'agent handed over',
      );
      await eventually(
        () => agentState(senior),
        (t) => t === 'Status: On a call',
        'senior has the customer',
      );
    } finally {
      await seniorPage?.close();
      await seniorApp.close();
      seniorDir.remove();
    }
  });
});
