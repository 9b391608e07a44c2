import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { useDeskBench } from './desk-bench';
import { eventually, newUser, rising, type FarEndDriver } from './phone-engine.harness';

/**
 * The agent's desk end to end: the real app (browser host, built renderer) signed in to a real
 * SIP server — Debian's Kamailio and our own lab server, the same stories against each — with a
 * SIP.js customer in another page, driven through the UI as an agent would.
 */
let server: SipTestServer;
let agent: Page;
const bench = useDeskBench();

async function openAgent(
  options: { password?: string; dtmfMode?: 'info' | 'rfc4733' } = {},
): Promise<{ page: Page; user: string }> {
  const user = newUser('agent');
  const page = await bench.openApp();
  await page.getByLabel('Server address (WebSocket)').fill(server.wsUrl);
  await page.getByLabel('SIP address').fill(`sip:${user}@${server.domain}`);
  await page.getByLabel('Password').fill(options.password ?? server.password);
  await page.getByLabel('Display name').fill('Agent Smith');
  if (options.dtmfMode) await page.getByLabel('Keypad tones (DTMF)').selectOption(options.dtmfMode);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.getByRole('button', { name: 'Phone', exact: true }).click();
  agent = page;
  return { page, user };
}

const customer = (): Promise<FarEndDriver> => bench.customer(server);

const registration = () => agent.getByTestId('registration').textContent();
const agentState = () => agent.getByTestId('agent-state').textContent();

describe.each(SIP_SERVERS)('agent desk against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('agent signs in, takes a customer call, holds, mutes, sends keypad tones, hangs up and finishes wrap-up', async () => {
    const { user } = await openAgent({ dtmfMode: 'info' });
    await eventually(registration, (t) => t === 'Signed in', 'registration');
    expect(await agentState()).toBe('Status: Available');

    const far = await customer();
    await far.call(`sip:${user}@${server.domain}`);
    await agent.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await agent.getByRole('heading', { name: 'Ana Reyes' }).waitFor();
    expect(await agentState()).toBe('Status: Ringing');
    await snap(agent, 'ringing');

    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(agentState, (t) => t === 'Status: On a call', 'on a call');
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'customer connected',
    );
    await rising(() => far.inboundBytes(), 'audio from the agent at the customer');
    await agent.getByTestId('quality-badge').waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId('quality-badge').textContent()).toMatch(/^Quality good \(MOS 4\.\d\)/);
    await snap(agent, 'on-a-call');

    await agent.getByRole('button', { name: 'Hold', exact: true }).click();
    await agent.getByText('Customer on hold').waitFor();
    await agent.getByTestId('hold-timer').waitFor();
    await snap(agent, 'on-hold');
    await agent.getByRole('button', { name: 'Resume' }).click();
    await agent.getByText('On a call', { exact: true }).waitFor();
    await rising(() => far.inboundBytes(), 'audio again after resume');

    await agent.getByRole('button', { name: 'Mute', exact: true }).click();
    await agent.getByRole('button', { name: 'Unmute' }).waitFor();
    await agent.getByRole('button', { name: 'Unmute' }).click();

    await agent.getByRole('button', { name: 'Keypad', exact: true }).click();
    for (const key of ['1', '2', '#']) await agent.getByRole('button', { name: `Key ${key}` }).click();
    await eventually(
      () => far.state(),
      (s) => s.infoDigits === '12#',
      'digits at the customer, in order',
    );
    // The agent sees what was sent (a card number read out to an IVR is checked here).
    expect(await agent.getByTestId('dtmf-sent').textContent()).toBe('12#');

    await agent.getByRole('button', { name: 'Hang up' }).click();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Terminated',
      'customer hung up on',
    );
    await eventually(agentState, (t) => t === 'Status: After-call work', 'wrap-up');
    await snap(agent, 'wrap-up');
    await agent.getByRole('button', { name: 'Ready' }).click();
    await eventually(agentState, (t) => t === 'Status: Available', 'available again');
    // The call's quality summary is in its history record: on loopback, a good call.
    const history = await bench.app.services.handlers.listHistory({ limit: 5 });
    expect(history.items[0]?.meanMos).toBeGreaterThanOrEqual(4);
    expect(history.items[0]?.meanMos).toBeLessThanOrEqual(5);
  });

  it('agent declines a call and the customer gets 486 Busy Here', async () => {
    const { user } = await openAgent();
    await eventually(registration, (t) => t === 'Signed in', 'registration');
    const far = await customer();
    await far.call(`sip:${user}@${server.domain}`);
    await agent.getByRole('button', { name: 'Decline' }).click();
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 486,
      '486 at the customer',
    );
    expect(await agentState()).toBe('Status: Available');
  });

  it('a customer hanging up is told to the agent, who then does wrap-up', async () => {
    const { user } = await openAgent();
    await eventually(registration, (t) => t === 'Signed in', 'registration');
    const far = await customer();
    await far.call(`sip:${user}@${server.domain}`);
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'connected',
    );
    await far.hangup();
    await agent.getByText('Ana Reyes').first().waitFor();
    await agent.getByText(/hung up\.$/).waitFor();
    await eventually(agentState, (t) => t === 'Status: After-call work', 'wrap-up');
  });

  it('on a break the agent is not offered calls: the customer gets 486 and the agent is told', async () => {
    const { user } = await openAgent();
    await eventually(registration, (t) => t === 'Signed in', 'registration');
    await agent.getByLabel('Take a break…').selectOption('lunch');
    await eventually(agentState, (t) => t === 'Status: On a break: Lunch', 'on a lunch break');
    const far = await customer();
    await far.call(`sip:${user}@${server.domain}`);
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 486,
      '486 at the customer',
    );
    await agent.getByText(/was refused because you are not available/).waitFor();
    await agent.getByRole('button', { name: 'Available' }).click();
    await eventually(agentState, (t) => t === 'Status: Available', 'available');
  });

  it('agent dials a customer from the dial pad', async () => {
    await openAgent();
    await eventually(registration, (t) => t === 'Signed in', 'registration');
    const far = await bench.farEnd(server, 'callee', { autoAnswer: true });
    await agent.getByLabel('Number or address').fill(far.aor);
    await agent.getByRole('button', { name: 'Call', exact: true }).click();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Established',
      'callee answered',
    );
    await eventually(agentState, (t) => t === 'Status: On a call', 'on a call');
    await rising(() => far.inboundBytes(), 'audio at the callee');
    await agent.getByRole('button', { name: 'Hang up' }).click();
    await eventually(agentState, (t) => t === 'Status: After-call work', 'wrap-up');
  });

  it('agent picks a microphone; the choice is remembered after a reload', async () => {
    await openAgent();
    await eventually(registration, (t) => t === 'Signed in', 'registration');
    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    const microphone = agent.getByLabel('Microphone', { exact: true });
    const options = await eventually(
      () => microphone.locator('option').allTextContents(),
      (o) => o.length > 1,
      'fake microphones listed',
    );
    expect(options[0]).toBe('System default');
    const deviceId = await microphone.locator('option').nth(1).getAttribute('value');
    await microphone.selectOption(deviceId ?? '');
    await agent.reload();
    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    await eventually(
      () => agent.getByLabel('Microphone', { exact: true }).inputValue(),
      (v) => v === deviceId,
      'choice kept',
    );
  });

  it('a wrong password is said in words, with the SIP status', async () => {
    await openAgent({ password: 'not-the-password' });
    await eventually(registration, (t) => t?.startsWith('Wrong user name or password') ?? false, 'wrong password shown');
    expect(await registration()).toMatch(/SIP (401|403)/);
    expect(await agentState()).toBe('Status: Offline');
  });
});
