import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_LAB_CONFIG_PATH, jsonLineLogger, loadLabConfig, startLabServer, type LabServer } from '../../electron/lab';
import { createHostServices, type HostServices } from '../../electron/services/host-api/host-services';
import { startEmbeddedLabIfNeeded } from '../../electron/web-host/embedded-lab';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { ensureRendererBuilt, RENDERER_DIR } from '../support/app-host';
import { freeTcpPort } from '../support/ports';
import { makeTempDir } from '../support/temp-dir';
import type { TestPages } from '../support/test-pages';
import { eventually, FarEndDriver } from './phone-engine.harness';
import { dropSipSockets, trackSipSockets } from './sip-sockets';

/** The agent `npm start` signs in as on the shipped lab config, and the queue customers call. */
export const AGENT = '1001';
export const QUEUE = 'support';
const CUSTOMERS = [
  { user: '9001', password: 'lab-9001', name: 'Sanne de Vries' },
  { user: '9002', password: 'lab-9002', name: 'Ana Reyes' },
] as const;

/** The lab's view of the agent (`GET /status`). */
export interface LabAgentView {
  readonly registered: boolean;
  /** The agent's state in the support queue: offline, paused, ringing, busy, settling, available, logged-out. */
  readonly queue: string;
  readonly activeCalls: number;
  /** The lab connections the agent's registrations live on (a new sign-in is a new connection). */
  readonly connections: readonly number[];
}

/** What the desk shows, read from the screen (language-neutral: classes and test ids). */
export interface DeskView {
  /** The registration line says "signed in" (its `ok` tone). */
  readonly registered: boolean;
  readonly registrationText: string;
  /** The agent state shown in the status bar (`agent-state-<kind>`). */
  readonly agent: string;
  /** Ringing calls on screen, and whether each has its Answer button visible. */
  readonly ringing: number;
  readonly answerVisible: boolean;
  readonly calls: number;
}

/**
 * The desk as `npm start` runs it on a fresh machine: the browser-mode host with the embedded lab
 * (shipped config, agent 1001, queue pause by MESSAGE), the app open in Chromium, and customers
 * 9001/9002 as SIP.js far ends calling the support queue. The lab can be restarted on its port,
 * the app's SIP WebSocket dropped, and the app restarted on the same data.
 */
export class LabDesk {
  page!: Page;
  lab!: LabServer;
  #services!: HostServices;
  #web!: WebHost;
  #port = 0;
  #log: WriteStream | undefined;
  readonly #dir = makeTempDir();
  readonly #customers = new Map<number, FarEndDriver>();
  readonly pageErrors: string[] = [];
  /** The app page's console, kept (bounded) so a failing model sequence can be read afterwards. */
  readonly consoleLines: string[] = [];

  private constructor(
    readonly browser: Browser,
    readonly pages: TestPages,
  ) {}

  static async start(browser: Browser, pages: TestPages): Promise<LabDesk> {
    ensureRendererBuilt();
    const desk = new LabDesk(browser, pages);
    desk.#port = await freeTcpPort();
    await desk.#startHost(true);
    await desk.openApp();
    return desk;
  }

  /** The app's data folder (its SQLite database, the lab's log). */
  get dataDir(): string {
    return this.#dir.path;
  }

  get domain(): string {
    return this.lab.config.domain;
  }

  async #startHost(embedded: boolean): Promise<void> {
    this.#services = createHostServices({
      dataDir: this.#dir.path,
      host: 'browser',
      version: 'e2e',
      log: { warn() {}, error: console.error },
    });
    if (embedded) {
      const lab = await startEmbeddedLabIfNeeded(this.#services.handlers, { port: this.#port, dataDir: this.#dir.path });
      if (!lab?.server) throw new Error('the embedded lab did not start');
      this.lab = lab.server;
    }
    this.#web = await startWebHost({ rendererDir: RENDERER_DIR, dispatch: this.#services.dispatch, port: 0 });
    this.#allowOrigins();
  }

  /** As electron/web-host/cli.ts does: the lab lets in the page the host serves (and here the customers' pages). */
  #origins(): string[] {
    return [new URL(this.#web.url).origin, new URL(this.pages.url('far-end')).origin];
  }

  #allowOrigins(): void {
    for (const origin of this.#origins()) this.lab.allowOrigin(origin);
  }

  async openApp(): Promise<void> {
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    page.on('console', (m) => {
      if (this.consoleLines.length < 5_000) this.consoleLines.push(`${new Date().toISOString()} ${m.type()} ${m.text()}`);
    });
    await trackSipSockets(page);
    await page.goto(this.#web.url);
    this.page = page;
  }

  /** The lab goes down and comes back on the same port (its agent states start over, as a real restart's do). */
  async restartLab(): Promise<void> {
    await this.lab.close();
    const log = (this.#log ??= createWriteStream(join(this.#dir.path, 'lab.log'), { flags: 'a' }));
    this.lab = await startLabServer({
      port: this.#port,
      config: loadLabConfig(DEFAULT_LAB_CONFIG_PATH),
      log: jsonLineLogger((line) => log.write(line)),
      allowedOrigins: this.#origins(),
    });
    // The customers' connections died with it.
    await Promise.all([...this.#customers.values()].map((c) => c.page.close()));
    this.#customers.clear();
  }

  /** The network drops the app's SIP WebSocket (the phone reconnects by itself). */
  async dropSocket(): Promise<void> {
    await dropSipSockets(this.page);
  }

  /** The app goes away and starts again on the same data folder; the lab stays up (it runs beside the app here). */
  async restartApp(): Promise<void> {
    await this.page.close();
    await this.#web.close();
    this.#services.close();
    this.#services = createHostServices({
      dataDir: this.#dir.path,
      host: 'browser',
      version: 'e2e',
      log: { warn() {}, error: console.error },
    });
    // Browser mode without a key forgets the password with the process; the lab start gives it again.
    await this.#services.handlers.saveSettings({ password: 'lab-1001' });
    this.#web = await startWebHost({ rendererDir: RENDERER_DIR, dispatch: this.#services.dispatch, port: 0 });
    this.#allowOrigins();
    await this.openApp();
  }

  /** Customer `n` (0 or 1): a SIP.js far end on its own page, connected to the lab. */
  async customer(n: number): Promise<FarEndDriver> {
    const known = this.#customers.get(n);
    if (known) return known;
    const c = CUSTOMERS[n % CUSTOMERS.length]!;
    const far = await FarEndDriver.open(
      this.browser,
      this.pages,
      { wsUrl: this.lab.url, domain: this.domain, password: c.password },
      'customer',
      { uri: `sip:${c.user}@${this.domain}`, password: c.password, displayName: c.name },
    );
    this.#customers.set(n, far);
    return far;
  }

  /** The customers that have a page now (0, 1). */
  customerNumbers(): number[] {
    return [...this.#customers.keys()];
  }

  /** Customer `n` calls the support queue. */
  async customerCalls(n: number): Promise<FarEndDriver> {
    const far = await this.customer(n);
    await far.call(`sip:${QUEUE}@${this.domain}`);
    return far;
  }

  async labAgent(): Promise<LabAgentView> {
    const status = (await fetch(`${this.lab.url.replace('ws:', 'http:')}/status`).then((r) => r.json())) as {
      agents: { user: string; registered: boolean; activeCalls: number; queues: Record<string, string> }[];
    };
    const agent = status.agents.find((a) => a.user === AGENT);
    return {
      registered: agent?.registered ?? false,
      queue: agent?.queues[QUEUE] ?? 'none',
      activeCalls: agent?.activeCalls ?? 0,
      connections: this.lab
        .registrations()
        .filter((r) => r.user === AGENT)
        .map((r) => r.connection),
    };
  }

  /** Whether customer `n`'s call is in the support queue (waiting or being rung). */
  async queuedFrom(n: number): Promise<boolean> {
    const user = CUSTOMERS[n % CUSTOMERS.length]!.user;
    const status = (await fetch(`${this.lab.url.replace('ws:', 'http:')}/status`).then((r) => r.json())) as {
      queues: { name: string; waiting: { from?: string }[] }[];
    };
    return status.queues.find((q) => q.name === QUEUE)?.waiting.some((w) => w.from === user) ?? false;
  }

  /** The call ids in the app's history (what the History view lists), newest first. */
  async historyCallIds(): Promise<string[]> {
    const page = await this.#services.handlers.listHistory({ limit: 100 });
    return page.items.map((i) => i.callId);
  }

  /** The lab's log (JSON lines), as a failing sequence leaves it. */
  labLog(): string {
    return readFileSync(join(this.#dir.path, 'lab.log'), 'utf8');
  }

  /** The lab's log lines of one event (the lab writes them to lab.log in the data folder, as under `npm start`). */
  labEvents(event: string): Record<string, unknown>[] {
    return readFileSync(join(this.#dir.path, 'lab.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes(`"${event}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.event === event);
  }

  async desk(): Promise<DeskView> {
    return this.page.evaluate(() => {
      const registration = document.querySelector('[data-testid="registration"]');
      const agent = document.querySelector('[data-testid="agent-state"]');
      const kind = [...(agent?.classList ?? [])].find((c) => c.startsWith('agent-state-'))?.slice('agent-state-'.length);
      const ringing = [...document.querySelectorAll<HTMLElement>('.call-card.incoming')];
      const visible = (el: Element | null) => {
        if (!(el instanceof HTMLElement) || el.closest('[hidden], [inert]')) return false;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.bottom <= 0 || box.top >= innerHeight) return false;
        // Nothing painted over its middle (a dialog, a panel): Answer is really reachable.
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return top === el || el.contains(top);
      };
      return {
        registered: registration?.classList.contains('ok') ?? false,
        registrationText: registration?.textContent ?? '',
        agent: kind ?? 'none',
        ringing: ringing.length,
        answerVisible: ringing.length > 0 && ringing.every((card) => visible(card.querySelector('[data-shortcut="answer"]'))),
        calls: document.querySelectorAll('.call-card').length,
      };
    });
  }

  /** The desk's agent state as the app's store has it (for waiting on a step; the checks read the screen). */
  agentKind(): Promise<string | undefined> {
    return this.page.evaluate(
      () => (window as unknown as { warmlineState?: () => { agent: { kind: string } } }).warmlineState?.().agent.kind,
    );
  }

  async signedIn(): Promise<void> {
    await eventually(
      () => this.desk(),
      (d) => d.registered,
      'the desk signed in',
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.#customers.values()].map((c) => c.page.close().catch(() => undefined)));
    await this.page?.close().catch(() => undefined);
    await this.#web?.close();
    await this.lab?.close();
    this.#services?.close();
    this.#log?.end();
    this.#dir.remove();
  }
}

/**
 * The status bar and the lab agree: signed in exactly when the lab has a registration, a call rings on
 * the desk exactly when the lab rings the agent, and the agent's state matches the lab's queue state
 * (paused in wrap-up and on a break).
 */
export function agrees(desk: DeskView, lab: LabAgentView): boolean {
  if (desk.registered !== lab.registered) return false;
  if (!desk.registered) return true;
  // A ringing card is a call the lab rings the agent with, and a call the lab rings is on the desk (issue 13: a
  // card left ringing after its offer went with the connection, which Answer could not pick up).
  if (desk.ringing > 0 !== (lab.queue === 'ringing')) return false;
  switch (desk.agent) {
    case 'available':
      // settling: free in the queue's short hold after a call or a new sign-in (not offered yet).
      return ['available', 'ringing', 'busy', 'settling'].includes(lab.queue);
    case 'ringing':
      return lab.queue === 'ringing' || lab.queue === 'busy';
    case 'on-call':
    case 'consulting':
      // The lab knows the call too (not only a busy hold after one): it offers nobody to an agent on a call.
      return (lab.queue === 'busy' || lab.queue === 'ringing') && lab.activeCalls > 0;
    case 'wrap-up':
    case 'break':
      return lab.queue === 'paused';
    case 'offline':
      return false;
    default:
      return false;
  }
}
