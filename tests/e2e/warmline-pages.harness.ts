import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { TEAM_KEY } from '../../shared/escalation/escalation.fixtures';
import type { SettingsPatch } from '../../shared/settings';
import { signSupervisionRequest, SUPERVISE_HEADER, type SupervisionMode } from '../../shared/supervision/request';
import { startAppHost, type AppHost } from '../support/app-host';
import { toneWav } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import type { SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, type FarEndDriver } from './phone-engine.harness';

/**
 * What the stories with several Warmline desks on one server share (escalation, supervision):
 * a browser whose microphone speaks one tone, a desk signed in through its browser host, and
 * the two ways of asking whether a party hears a tone.
 */

/** Each party's tone in the supervision stories: their voices, told apart by frequency. */
export const TONE_HZ = { customer: 1250, agent: 660, supervisor: 880 } as const;

/** A Chromium whose fake microphone plays `hz` (0: silence) from a WAV written into `dir`. */
export async function toneBrowser(dir: string, name: string, hz: number): Promise<Browser> {
  const wav = join(dir, `${name}.wav`);
  writeFileSync(wav, toneWav(hz, 30, 48_000));
  return launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
}

/** What a file's stories share: a browser per speaking party, the far-end pages, a data folder. */
export interface ToneBench<Party extends string> {
  readonly dir: string;
  readonly pages: TestPages;
  readonly browsers: Readonly<Record<Party, Browser>>;
  /** Every page's uncaught errors; a file's afterAll expects none. */
  readonly pageErrors: string[];
}

/** Opens a ToneBench before the file's stories (one browser per party, speaking its tone) and closes it after. */
export function useToneBench<Party extends string>(tones: Readonly<Record<Party, number>>): () => ToneBench<Party> {
  let bench: ToneBench<Party> | undefined;
  let temp: ReturnType<typeof makeTempDir> | undefined;
  beforeAll(async () => {
    temp = makeTempDir();
    const dir = temp.path;
    const pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
    const browsers = {} as Record<Party, Browser>;
    for (const party of Object.keys(tones) as Party[]) browsers[party] = await toneBrowser(dir, party, tones[party]);
    bench = { dir, pages, browsers, pageErrors: [] };
  });
  afterAll(async () => {
    await Promise.all(Object.values<Browser>(bench?.browsers ?? {}).map((b) => b.close()));
    await bench?.pages.close();
    temp?.remove();
  });
  return () => {
    if (!bench) throw new Error('the tone bench is opened in beforeAll');
    return bench;
  };
}

/**
 * A Warmline page signed in as `user` on `server` with the team key (`more`: other settings);
 * `opened` sees the page before it loads (to close it later, to listen to its WebSocket).
 */
export async function signedInWarmline(
  server: Pick<SipTestServer, 'wsUrl' | 'domain' | 'password'>,
  browser: Browser,
  app: AppHost,
  user: string,
  more: SettingsPatch,
  pageErrors: string[],
  opened: (page: Page) => void = () => undefined,
): Promise<Page> {
  await app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    teamKey: TEAM_KEY,
    ...more,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  opened(page);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(app.url);
  // The registration status reads exactly "Signed in" (a generous wait: sign-in under load).
  await page.locator('[data-testid="registration"]', { hasText: /^Signed in$/ }).waitFor({ timeout: 30_000 });
  return page;
}

/** A Warmline desk of its own (host and data folder in the bench's), signed in; `apps` collects the hosts to close. */
export async function warmlineDesk(
  bench: ToneBench<string>,
  server: Pick<SipTestServer, 'wsUrl' | 'domain' | 'password'>,
  browser: Browser,
  user: string,
  more: SettingsPatch,
  apps: AppHost[],
): Promise<{ app: AppHost; page: Page }> {
  const app = await startAppHost(join(bench.dir, `${user}-data`));
  apps.push(app);
  return { app, page: await signedInWarmline(server, browser, app, user, more, bench.pageErrors) };
}

/** Heard within a generous wait (audio paths start under load at their own pace). */
export const hears = (what: string, read: () => Promise<boolean>) => eventually(read, (h) => h, what, 20_000);

/** Not heard over two seconds of samples, once the paths that must carry audio are proven to. */
export async function neverHears(what: string, read: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 8; i += 1) {
    expect(await read(), what).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Not heard in eight readings in a row (two seconds), within a generous wait: for a tone that was
 * mixed with another one. A reading names only the loudest tone, so one reading without it proves nothing.
 */
export const stopsHearingSteadily = (what: string, read: () => Promise<boolean>) =>
  eventually(
    async () => {
      for (let i = 0; i < 8; i += 1) {
        if (await read()) return false;
        await new Promise((r) => setTimeout(r, 250));
      }
      return true;
    },
    (gone) => gone,
    what,
    30_000,
  );

/** Heard no more: for a path that carried the tone a moment ago (a mode switched, a mute). */
export const stopsHearing = (what: string, read: () => Promise<boolean>) => eventually(read, (h) => !h, what, 20_000);

/** An attribute of an element that may come and go: null while it is absent. */
export const attributeOf = (page: Page, testId: string, name: string) =>
  page
    .getByTestId(testId)
    .getAttribute(name, { timeout: 1_000 })
    .catch(() => null);

/** The text of an element that may come and go: null while it is absent. */
export const textOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .textContent({ timeout: 1_000 })
    .catch(() => null);

/** The supervisor starts `mode` on `agent`'s call from the board's any-agent field. */
export async function superviseFromBoard(supervisor: Page, agent: string, button = 'Listen'): Promise<void> {
  const board = supervisor.getByTestId('supervisor-board');
  await board.getByLabel('Agent').fill(agent);
  await board.locator('.any-agent').getByRole('button', { name: button, exact: true }).click();
}

/** Waits until the supervisor's leg to the agent is up (the agent's Warmline answered it). */
export const supervisorConnected = (supervisor: Page) =>
  eventually(
    () => attributeOf(supervisor, 'monitor', 'data-state'),
    (s) => s === 'active',
    'supervisor connected',
  );

/** The customer calls `to` (a SIP URI), the agent clicks Answer, and the customer's call is established. */
export async function customerAnswered(customer: FarEndDriver, to: string, agent: Page): Promise<void> {
  await customer.call(to);
  await agent.getByRole('button', { name: 'Answer' }).click();
  await eventually(
    () => customer.state(),
    (s) => s.session === 'Established',
    'customer connected',
  );
}

/** The agent opens Escalate and says why: the customer wants a manager; `summary` fills the one line when given. */
export async function escalateForManager(agent: Page, summary?: string): Promise<void> {
  await agent.getByRole('button', { name: 'Escalate' }).click();
  await agent.getByLabel('Why').selectOption('wants-higher-authority');
  if (summary !== undefined) await agent.getByLabel('Summary in one line').fill(summary);
}

/**
 * Customer calls → Answer → Escalate → Why → Summary → Consult: the agent consults the senior
 * target with the customer on hold. `beforeConsult`: what a story checks or fills in the
 * escalation panel before it sends.
 */
export async function answerAndConsult(
  customer: FarEndDriver,
  to: string,
  agent: Page,
  summary: string,
  beforeConsult: () => Promise<void> = async () => undefined,
): Promise<void> {
  await customerAnswered(customer, to, agent);
  await escalateForManager(agent, summary);
  await beforeConsult();
  await agent.getByRole('button', { name: 'Consult (customer on hold)' }).click();
}

/** After a file's stories: its pages, then its hosts and its server closed, and no page threw. */
export async function closeDesks(
  pages: readonly (Page | undefined)[],
  apps: AppHost[],
  server: Pick<SipTestServer, 'stop'> | undefined,
  pageErrors: string[],
): Promise<void> {
  for (const page of pages) await page?.close();
  for (const app of apps.splice(0)) await app.close();
  await server?.stop();
  expect(pageErrors.splice(0)).toEqual([]);
}

/**
 * Supervise requests from a SIP.js page (`asker`) to `agent`'s Warmline, as a forger or a
 * replayer sends them: `sign` makes one (valid unless overridden), `attempt` sends it in an
 * INVITE and returns the asker's state once the agent's Warmline has answered.
 */
export function superviseRequests(asker: FarEndDriver, agent: string, domain: string) {
  const sign = (overrides: { mode?: SupervisionMode; call?: string; issuedAt?: number; supervisor?: string }, key = TEAM_KEY) =>
    signSupervisionRequest(
      { mode: 'listen', supervisor: asker.user, agent, call: 'current', issuedAt: Date.now(), ...overrides },
      key,
    );
  const attempt = async (header: string) => {
    await asker.call(`sip:${agent}@${domain}`, [`${SUPERVISE_HEADER}: ${header}`]);
    return eventually(
      () => asker.state(),
      (s) => s.finalStatus !== undefined,
      'the agent answered the request',
    );
  };
  return { sign, attempt };
}
