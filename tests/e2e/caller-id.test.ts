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
 * foreign From is shown as the caller's own unverified claim. Finding 8: bidi controls in a caller's name are
 * dropped before the ringing card shows it.
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

  it('right-to-left overrides in a caller’s display name never reach the ringing card (finding 8)', async () => {
    const server = await startLabTestServer();
    servers.push(server);
    const { page, user } = await signedInAgent(bench, server);
    const caller = await RawClient.connect(server.wsUrl, 'customer1');
    callers.push(caller);
    // Shown raw, U+202E turns the rest around: "Support \u202Ekcab llac\u202C" reads "Support call back".
    await caller.sendAuthed(
      {
        method: 'INVITE',
        uri: `sip:${user}@${server.domain}`,
        from: `"Support \u202Ekcab llac\u202C \u2066x\u2069\u200F" <sip:customer1@${server.domain}>;tag=rlo`,
        to: `<sip:${user}@${server.domain}>`,
      },
      server.password,
    );
    const card = await ringingCard(page);
    await card.getByRole('heading', { name: 'Support kcab llac x' }).waitFor();
    expect(await card.textContent()).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
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
