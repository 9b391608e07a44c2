import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startLabServer } from '../../electron/lab';
import type { SettingsPatch } from '../../shared/settings';
import { startAppHost, type AppHost } from '../support/app-host';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { makeTempDir } from '../support/temp-dir';
import type { FarEndOptions } from '../support/far-end/sipjs-far-end';
import { useBrowserBench } from './browser-bench';
import { eventually, FarEndDriver } from './phone-engine.harness';
import { sipSocketsOf, trackSipSockets } from './sip-sockets';

/**
 * The team stories (issue 15: team-presence, team-escalation, team-presence-kamailio) share one
 * bench: a presence server (the lab with its queues, or Kamailio with its presence modules), a
 * browser, Warmline desks at 1280×720 each on its own browser-mode host (their SIP WebSockets
 * tracked, so a test can drop them: sip-sockets.ts), and customers as SIP.js far ends. Everything
 * is stopped after the file.
 */
export interface TeamServer {
  readonly wsUrl: string;
  readonly domain: string;
  readonly password: string;
  stop(): Promise<void>;
  /** The lab only: it goes down and comes back on the same port, knowing no publication or subscription. */
  restart?(): Promise<void>;
}

/** The lab with these accounts (one password) and queues. */
export function teamLab(
  domain: string,
  password: string,
  users: readonly string[],
  queues: readonly { name: string; members: readonly string[] }[],
  options: { readonly presencePackages?: ('presence' | 'dialog')[] } = {},
): () => Promise<TeamServer> {
  const config = {
    ...options,
    domain,
    allowedOrigins: ['http://127.0.0.1:*'],
    accounts: users.map((user) => ({ user, password })),
    queues: queues.map((q) => ({ name: q.name, members: [...q.members], ringTimeoutSeconds: 10, maxWaitSeconds: 60 })),
  };
  return async () => {
    let lab = await startLabServer({ port: 0, log: () => {}, config });
    const { url, port } = lab;
    return {
      wsUrl: url,
      domain,
      password,
      stop: () => lab.close(),
      async restart() {
        await lab.close();
        lab = await startLabServer({ port, log: () => {}, config });
      },
    };
  };
}

/** The team stories' lab: a support queue (the agents), a senior queue (the seniors), and customers' accounts. */
export const supportAndSeniorLab = (
  domain: string,
  password: string,
  team: { readonly agents: string[]; readonly seniors: string[]; readonly customers: string[] },
): (() => Promise<TeamServer>) =>
  teamLab(
    domain,
    password,
    [...team.agents, ...team.seniors, ...team.customers],
    [
      { name: 'support', members: team.agents },
      { name: 'senior', members: team.seniors },
    ],
  );

/** Debian's Kamailio as the team's presence server (presence, presence_xml, presence_dialoginfo). */
export const teamKamailio = (): Promise<TeamServer> => startKamailio({ presence: true });

export interface TeamBench {
  readonly server: TeamServer;
  readonly browser: Browser;
  /** Every page error of every desk, as `user: message`. */
  readonly pageErrors: string[];
  /** A Warmline desk signed in as `user` (its display name), with these settings besides. */
  desk(user: string, settings?: SettingsPatch): Promise<Page>;
  /** A desk whose team is this list (the team-list setting), with no after-call time. */
  listDesk(user: string, teamMembers: string[]): Promise<Page>;
  /** A customer's phone (SIP.js), registered as `options.uri` or a fresh user. */
  customer(options: Partial<FarEndOptions>): Promise<FarEndDriver>;
}

export function useTeamBench(start: () => Promise<TeamServer>): TeamBench {
  let server: TeamServer | undefined;
  const shared = useBrowserBench();
  const hosts: AppHost[] = [];
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  const pageErrors: string[] = [];
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the team bench is used before beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
    dirs.forEach((d) => d.remove());
    await server?.stop();
  });

  return {
    get server() {
      return need(server);
    },
    get browser() {
      return shared.browser;
    },
    pageErrors,
    async desk(user, settings = {}) {
      const dir = makeTempDir();
      dirs.push(dir);
      const host = await startAppHost(dir.path);
      hosts.push(host);
      const { wsUrl, domain, password } = need(server);
      await host.services.handlers.saveSettings({
        serverUrl: wsUrl,
        sipUri: `sip:${user}@${domain}`,
        password,
        displayName: user,
        ...settings,
      });
      const page = await shared.browser.newPage({ viewport: { width: 1280, height: 720 } });
      page.on('pageerror', (e) => pageErrors.push(`${user}: ${e.message}`));
      await trackSipSockets(page);
      await page.goto(host.url);
      await eventually(
        () => page.getByTestId('registration').textContent(),
        (t) => t === 'Signed in',
        `${user} signed in`,
      );
      return page;
    },
    listDesk(user, teamMembers) {
      return this.desk(user, { teamMembers, wrapUpSeconds: 0 });
    },
    customer(options) {
      // FarEndDriver needs only the server's address, domain and password.
      return FarEndDriver.open(shared.browser, shared.pages, need(server) as unknown as Kamailio, 'customer', options);
    },
  };
}

/** A colleague's state on a desk's team list (`data-state`), or null while not listed. */
export const stateOf = (page: Page, user: string) =>
  page
    .locator(`[data-testid="team-list"] [data-user="${user}"]`)
    .getAttribute('data-state', { timeout: 1_000 })
    .catch(() => null);

/** Waits until a desk's team list shows the colleague in this state (`data-state`). */
export const showsAs = (page: Page, user: string, state: string, what: string) =>
  eventually(
    () => stateOf(page, user),
    (s) => s === state,
    what,
  );

/** Waits until a desk's team list line for the colleague begins with this text (e.g. "Break · Lunch"). */
export const showsLine = (page: Page, user: string, text: string, what: string) =>
  eventually(
    () => rowText(page, user),
    (t) => t !== null && t.startsWith(text),
    what,
  );

/** A colleague's state line on a desk's team list (e.g. "Break · Lunch · 0:05"), or null while not listed. */
export const rowText = (page: Page, user: string) =>
  page
    .locator(`[data-testid="team-list"] [data-user="${user}"] .colleague-state`)
    .textContent({ timeout: 1_000 })
    .catch(() => null);

/** The desk opened a new SIP WebSocket after `opened` and is signed in on it. */
export async function reconnected(page: Page, opened: number, who: string): Promise<void> {
  await eventually(
    async () => ({
      ...(await sipSocketsOf(page)),
      // "Signed in", or "Reconnected and signed in again": the line's ok tone either way.
      signedIn: await page.getByTestId('registration').evaluate((el) => el.classList.contains('ok')),
    }),
    (s) => s.opened > opened && s.newestOpen && s.signedIn,
    `${who} signed in again on a new connection`,
    45_000,
  );
}

/** The page itself scrolls (the 1280×720 home must not; a long team list scrolls inside its panel). */
export const pageScrolls = (page: Page) =>
  page.evaluate(
    () => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
  );

/** Which of these parts of the page are not wholly inside the window (none, when all are in view). */
export async function outOfView(page: Page, parts: Readonly<Record<string, Locator>>): Promise<string[]> {
  const viewport = page.viewportSize()!;
  const out: string[] = [];
  for (const [name, locator] of Object.entries(parts)) {
    const box = await locator.boundingBox({ timeout: 5_000 }).catch(() => null);
    const inside =
      box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
    if (!inside) out.push(name);
  }
  return out;
}
