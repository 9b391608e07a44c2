import type { Page } from 'playwright-core';
import type { SipTestServer } from '../support/sip-servers';
import type { DeskBench } from './desk-bench';
import { eventually } from './phone-engine.harness';

/** What an agent does and reads on the desk, shared by the after-call work stories (English UI). */
export const agentState = (page: Page) => page.getByTestId('agent-state').textContent();

export const signedIn = (page: Page) =>
  eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    'signed in',
  );

/** The wrap-up countdown: "1:45 left" → 105_000; undefined when it says something else. */
export async function remainingMs(page: Page): Promise<number | undefined> {
  const text = (await page.getByTestId('wrap-up-countdown').textContent()) ?? '';
  const match = /^(\d+):(\d\d) left$/.exec(text);
  return match ? (Number(match[1]) * 60 + Number(match[2])) * 1000 : undefined;
}

/** A customer (Ana Reyes) calls `user`, the agent answers, the customer hangs up: the agent is in wrap-up. */
export async function callEnds(bench: DeskBench, server: SipTestServer, page: Page, user: string): Promise<void> {
  const far = await bench.customer(server);
  await far.call(`sip:${user}@${server.domain}`);
  await page.getByRole('button', { name: 'Answer' }).click();
  await eventually(
    () => far.state(),
    (s) => s.session === 'Established',
    'connected',
  );
  await far.hangup();
  await eventually(
    () => agentState(page),
    (t) => t === 'Status: After-call work',
    'wrap-up',
  );
}

/** Ready in the wrap-up form (fresh or restored), then Available. */
export async function readyToAvailable(page: Page): Promise<void> {
  await page.locator('form.wrap-up-form').getByRole('button', { name: 'Ready' }).click();
  await eventually(
    () => agentState(page),
    (t) => t === 'Status: Available',
    'available after Ready',
  );
}
