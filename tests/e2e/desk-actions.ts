import type { Page } from 'playwright-core';
import type { SettingsPatch } from '../../shared/settings';
import type { SipTestServer } from '../support/sip-servers';
import type { DeskBench } from './desk-bench';
import { eventually, newUser, type FarEndDriver } from './phone-engine.harness';

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

/** Saves a new agent on `server` with `extra` settings in this test's app host; returns the agent's SIP user. */
export async function saveAgentSettings(
  bench: DeskBench,
  server: Pick<SipTestServer, 'wsUrl' | 'domain' | 'password'>,
  extra: SettingsPatch = {},
): Promise<string> {
  const user = newUser('agent');
  await bench.app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: 'Ana Agent',
    ...extra,
  });
  return user;
}

/**
 * A new agent on `server` with `extra` settings saved in this test's app host, the app open and
 * signed in (English UI; other languages wait on the registration state instead).
 */
export async function signInAgent(
  bench: DeskBench,
  server: SipTestServer,
  extra: SettingsPatch = {},
  viewport = { width: 1280, height: 900 },
): Promise<{ readonly page: Page; readonly user: string }> {
  const user = await saveAgentSettings(bench, server, extra);
  const page = await bench.openApp(viewport);
  if ((extra.language ?? 'en') === 'en') await signedIn(page);
  else
    await eventually(
      () => registrationState(page),
      (r) => r === 'registered',
      'signed in',
    );
  return { page, user };
}

/** The registration as the app's state has it, language-neutral. */
const registrationState = (page: Page) =>
  page
    .evaluate(() => (window as unknown as { warmlineState?: () => { registration: { state: string } } }).warmlineState?.())
    .then((state) => state?.registration.state);

/** The agent answers the ringing call (by its Answer control, in any language) and the caller is connected. */
export async function answer(page: Page, far: FarEndDriver): Promise<void> {
  await page.locator('[data-shortcut="answer"]').click();
  await eventually(
    () => far.state(),
    (s) => s.session === 'Established',
    'connected',
  );
}

/** `far` (by default a new customer, Ana Reyes) calls `user` and the agent answers. */
export async function answeredCall(
  bench: DeskBench,
  server: SipTestServer,
  page: Page,
  user: string,
  far?: FarEndDriver,
): Promise<FarEndDriver> {
  const caller = far ?? (await bench.customer(server));
  await caller.call(`sip:${user}@${server.domain}`);
  await answer(page, caller);
  return caller;
}

/** A customer (Ana Reyes) calls `user`, the agent answers, the customer hangs up: the agent is in wrap-up. */
export async function callEnds(bench: DeskBench, server: SipTestServer, page: Page, user: string): Promise<void> {
  const far = await answeredCall(bench, server, page, user);
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
