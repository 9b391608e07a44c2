import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';
import { answerAndConsult, signedInWarmline } from './warmline-pages.harness';

/**
 * The escalation context is sealed to the consult call it was made for. Someone who captures it
 * on the wire (here: the senior's own WebSocket, the last hop a capture could happen on) and sends
 * it again on another call gets the card labelled "not valid for this call", never "Signed by your team".
 */
let server: SipTestServer;
let pages: TestPages;
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
let agentApp: AppHost;
let seniorApp: AppHost;
const opened: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  dir?.remove();
});

/** Signs a Warmline in; `frames` collects every SIP message its WebSocket receives. */
async function signedIn(app: AppHost, user: string, seniorUser: string, frames: string[] = []): Promise<Page> {
  const more = { displayName: user, seniorQueue: seniorUser, technicalQueue: 'technical1' };
  return signedInWarmline(server, browser, app, user, more, pageErrors, (page) => {
    opened.push(page);
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  });
}

describe.each(SIP_SERVERS)('a captured escalation context replayed, against %s', (_name, start) => {
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    agentApp = await startAppHost(join(dir.path, newUser('agent-data')));
    seniorApp = await startAppHost(join(dir.path, newUser('senior-data')));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
    await agentApp.close();
    await seniorApp.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('is verified on its consult and "not valid for this call" on another call', async () => {
    const agentUser = newUser('agent');
    const seniorUser = newUser('senior');
    const seniorFrames: string[] = [];
    const agent = await signedIn(agentApp, agentUser, seniorUser);
    const senior = await signedIn(seniorApp, seniorUser, seniorUser, seniorFrames);
    const customer = await FarEndDriver.open(browser, pages, server, 'customer', { displayName: 'Dana Customer' });
    opened.push(customer.page);

    await answerAndConsult(
      customer,
      `sip:${agentUser}@${server.domain}`,
      agent,
      'Refund of 240 EUR refused twice; wants a manager',
    );
    await senior.getByTestId('handoff-card').waitFor();
    expect(await senior.getByTestId('handoff-verification').textContent()).toBe('Signed by your team');

    const invite = seniorFrames.find((f) => f.startsWith('INVITE ') && /^X-Warmline-Context:/im.test(f));
    const captured = /^X-Warmline-Context:\s*(\S+)\s*$/im.exec(invite ?? '')?.[1];
    if (!captured) throw new Error('the consult INVITE reached the senior without a context');
    // Sealed: the value on the wire shows nothing of what the agent wrote.
    expect(captured).toMatch(/^w2\./);
    expect(invite).not.toContain('Refund');

    await agent.getByRole('button', { name: 'Cancel consult' }).click();
    await eventually(
      () => senior.getByTestId('handoff-card').count(),
      (n) => n === 0,
      'the consult is gone from the senior',
    );

    const intruder = await FarEndDriver.open(browser, pages, server, 'customer', { displayName: 'Not Dana' });
    opened.push(intruder.page);
    await intruder.call(`sip:${seniorUser}@${server.domain}`, [`X-Warmline-Context: ${captured}`]);
    const card = senior.getByTestId('handoff-card');
    await card.waitFor();
    await eventually(
      () => senior.getByTestId('handoff-verification').textContent(),
      (t) => t === 'Not valid for this call',
      'the replayed context is not valid for this call',
    );
    expect(await card.textContent()).toContain('It was made for another call.');
    expect(await card.textContent()).not.toContain('Signed by your team');
    await snap(senior, 'handoff-card-replayed');
    await senior.getByRole('button', { name: 'Decline' }).click();
  });
});
