import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { snap } from '../support/screenshots';
import { startKamailioServer, startLabTestServer, type SipTestServer } from '../support/sip-servers';
import { RawClient } from '../integration/lab/helpers/raw-client';
import { useDeskBench } from './desk-bench';
import { signedInAgent } from './keyboard.harness';

/**
 * Issue 17, finding 3: a caller signed in as one account writes a bank's CEO into From. The lab asserts who
 * really called (P-Asserted-Identity) and the agent sees that; through a server that asserts nothing, the
 * foreign From is shown as the caller's own unverified claim.
 */
const bench = useDeskBench();
const servers: SipTestServer[] = [];
const callers: RawClient[] = [];
afterEach(async () => {
  await Promise.all(callers.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** A caller outside any browser, with the From it likes and a forged assertion of its own. */
async function spoofedCall(server: SipTestServer, agentUser: string, withCredentials: boolean): Promise<void> {
  const caller = await RawClient.connect(server.wsUrl, 'customer1');
  callers.push(caller);
  const request = {
    method: 'INVITE',
    uri: `sip:${agentUser}@${server.domain}`,
    from: `"CEO" <sip:ceo@bank.example>;tag=spoof`,
    to: `<sip:${agentUser}@${server.domain}>`,
    headers: withCredentials ? [{ name: 'P-Asserted-Identity', value: '"CEO" <sip:ceo@bank.example>' }] : [],
  };
  if (withCredentials) await caller.sendAuthed(request, server.password);
  else caller.request(request);
}

async function ringingCard(page: Page) {
  const card = page.getByRole('alertdialog', { name: 'Incoming call' });
  await card.waitFor();
  return card;
}

describe('caller ID', () => {
  it('through the lab, a spoofed From shows the caller the lab authenticated', async () => {
    const server = await startLabTestServer();
    servers.push(server);
    const { page, user } = await signedInAgent(bench, server);
    await spoofedCall(server, user, true);
    const card = await ringingCard(page);
    await card.getByRole('heading', { name: 'customer1' }).waitFor();
    const text = await card.textContent();
    expect(text).not.toContain('CEO');
    expect(text).not.toContain('bank.example');
    expect(await card.locator('.caller-unverified').count()).toBe(0);
    await page.getByRole('button', { name: 'Decline' }).click();
    await card.waitFor({ state: 'detached' });
  });

  it('through a server that asserts nobody, the foreign From is marked unverified on the ringing card', async () => {
    const server = await startKamailioServer();
    servers.push(server);
    const { page, user } = await signedInAgent(bench, server);
    await spoofedCall(server, user, false);
    const card = await ringingCard(page);
    await card.getByRole('heading', { name: 'CEO' }).waitFor();
    await card.getByText('Unverified caller ID (not confirmed by your server)').waitFor();
    await snap(page, 'ringing-unverified-caller');
    await page.getByRole('button', { name: 'Decline' }).click();
    await card.waitFor({ state: 'detached' });
  });
});
