import type { Browser, Page } from 'playwright-core';
import type { CallId, PhoneConfig, PhoneEvent } from '../../renderer/src/phone';
import type { MediaPath } from '../../renderer/src/phone/ice';
import type { FarEndOptions, FarEndState } from '../support/far-end/sipjs-far-end';
import type { SipTestServer } from '../support/sip-servers';
import type { TestPages } from '../support/test-pages';

/** What the drivers use of a server: Kamailio's harness and the lab's both fit. */
type Kamailio = Pick<SipTestServer, 'wsUrl' | 'domain' | 'password'>;

export const AGENT_TONE_HZ = 440;
export const CUSTOMER_TONE_HZ = 1250;

/** Polls until `check` holds; no timing is asserted, the timeout is only a hang guard. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Counts that keep rising: two readings a second apart differ (media is flowing). */
export async function rising(read: () => Promise<number>, what: string): Promise<void> {
  let previous = await read();
  await eventually(
    async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = await read();
      const grew = now > previous;
      previous = now;
      return grew;
    },
    (grew) => grew,
    `${what} to increase`,
  );
}

/** Counts that stopped: two readings a second apart are equal (no media arrives). */
export async function stalled(read: () => Promise<number>, what: string): Promise<void> {
  let previous = await read();
  await eventually(
    async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = await read();
      const same = now === previous;
      previous = now;
      return same;
    },
    (same) => same,
    `${what} to stop increasing`,
  );
}

let userCounter = 0;
/** A fresh user name per page, so registrations of different tests never fork to each other. */
export function newUser(role: string): string {
  userCounter += 1;
  return `${role}${userCounter}`;
}

export class EngineDriver {
  constructor(
    readonly page: Page,
    readonly user: string,
    readonly kamailio: Kamailio,
  ) {}

  static async open(
    browser: Browser,
    pages: TestPages,
    kamailio: Kamailio,
    overrides: Partial<PhoneConfig> = {},
  ): Promise<EngineDriver> {
    const page = await browser.newPage();
    await page.goto(pages.url('engine'));
    await page.waitForFunction(() => window.engine !== undefined);
    const user = newUser('agent');
    const config: PhoneConfig = {
      serverUrl: kamailio.wsUrl,
      sipUri: `sip:${user}@${kamailio.domain}`,
      password: kamailio.password,
      displayName: 'Agent Smith',
      reconnect: { minSeconds: 1, maxSeconds: 4 },
      ...overrides,
    };
    const problem = await page.evaluate(([c, hz]) => window.engine.start(c, hz), [config, AGENT_TONE_HZ] as const);
    if (problem) throw new Error(`engine refused config: ${problem}`);
    return new EngineDriver(page, user, kamailio);
  }

  get aor(): string {
    return `sip:${this.user}@${this.kamailio.domain}`;
  }

  events(): Promise<PhoneEvent[]> {
    return this.page.evaluate(() => window.engine.events);
  }

  errors(): Promise<string[]> {
    return this.page.evaluate(() => window.engine.errors);
  }

  async waitFor<T extends PhoneEvent['type']>(
    type: T,
    match: (event: Extract<PhoneEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Extract<PhoneEvent, { type: T }>> {
    const events = await eventually(
      () => this.events(),
      (all) => all.some((e) => e.type === type && match(e as Extract<PhoneEvent, { type: T }>)),
      `engine event ${type}`,
      timeoutMs,
    );
    return events.find((e) => e.type === type && match(e as Extract<PhoneEvent, { type: T }>)) as Extract<
      PhoneEvent,
      { type: T }
    >;
  }

  async waitRegistered(recovered?: boolean): Promise<void> {
    await this.waitFor(
      'registration',
      (e) => e.status.state === 'registered' && (recovered === undefined || e.status.recovered === recovered),
    );
  }

  /** Whether the engine plays the call into the page's <audio> element (the headset). */
  playing(): Promise<boolean> {
    return this.page.evaluate(() => window.engine.playing());
  }

  stop(): Promise<void> {
    return this.page.evaluate(() => window.engine.stop());
  }

  setAvailable(available: boolean): Promise<void> {
    return this.page.evaluate((a) => window.engine.setAvailable(a), available);
  }

  answer(callId: CallId): Promise<string | undefined> {
    return this.page.evaluate((id) => window.engine.answer(id), callId);
  }

  answerFromMicrophone(callId: CallId): Promise<string | undefined> {
    return this.page.evaluate((id) => window.engine.answerFromMicrophone(id), callId);
  }

  liveMicrophoneTracks(): Promise<number> {
    return this.page.evaluate(() => window.engine.liveMicrophoneTracks());
  }

  command(
    name: 'reject' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute' | 'keepTrying',
    callId: CallId,
  ): Promise<string | undefined> {
    return this.page.evaluate(([n, id]) => window.engine.command(n, id), [name, callId] as const);
  }

  sendDtmf(callId: CallId, digits: string, transport: 'rfc4733' | 'info'): Promise<string | undefined> {
    return this.page.evaluate(([id, d, t]) => window.engine.sendDtmf(id, d, t), [callId, digits, transport] as const);
  }

  call(target: string): Promise<CallId> {
    return this.page.evaluate((t) => window.engine.call(t), target) as Promise<CallId>;
  }

  transferAttended(callId: CallId, consultId: CallId): Promise<string | undefined> {
    return this.page.evaluate(([a, b]) => window.engine.transferAttended(a, b), [callId, consultId] as const);
  }

  hearsTone(callId: CallId, hz: number): Promise<boolean> {
    return this.page.evaluate(([id, f]) => window.engine.hearsTone(id, f), [callId, hz] as const);
  }

  inboundBytes(callId: CallId): Promise<number> {
    return this.page.evaluate((id) => window.engine.inboundBytes(id), callId);
  }

  mediaPath(callId: CallId): Promise<MediaPath | undefined> {
    return this.page.evaluate((id) => window.engine.mediaPath(id), callId);
  }
}

export class FarEndDriver {
  constructor(
    readonly page: Page,
    readonly user: string,
    readonly kamailio: Kamailio,
  ) {}

  static async open(
    browser: Browser,
    pages: TestPages,
    kamailio: Kamailio,
    role: string,
    options: Partial<FarEndOptions> = {},
  ): Promise<FarEndDriver> {
    const page = await browser.newPage();
    await page.goto(pages.url('far-end'));
    await page.waitForFunction(() => window.farEnd !== undefined);
    const user = newUser(role);
    const opts: FarEndOptions = {
      wsUrl: kamailio.wsUrl,
      uri: `sip:${user}@${kamailio.domain}`,
      password: kamailio.password,
      toneHz: CUSTOMER_TONE_HZ,
      ...options,
    };
    await page.evaluate((o) => window.farEnd.register(o), opts);
    return new FarEndDriver(page, user, kamailio);
  }

  get aor(): string {
    return `sip:${this.user}@${this.kamailio.domain}`;
  }

  call(target: string, headers: readonly string[] = []): Promise<void> {
    return this.page.evaluate(([t, h]) => window.farEnd.call(t, h), [target, headers] as const);
  }

  state(): Promise<FarEndState> {
    return this.page.evaluate(() => window.farEnd.state());
  }

  hangup(): Promise<void> {
    return this.page.evaluate(() => window.farEnd.hangup());
  }

  hearsTone(hz: number): Promise<boolean> {
    return this.page.evaluate((f) => window.farEnd.hearsTone(f), hz);
  }

  inboundBytes(): Promise<number> {
    return this.page.evaluate(() => window.farEnd.inboundBytes());
  }

  hold(on: boolean): Promise<void> {
    return this.page.evaluate((h) => window.farEnd.hold(h), on);
  }

  rejectNextReinvite(): Promise<void> {
    return this.page.evaluate(() => window.farEnd.rejectNextReinvite());
  }

  info(contentType: string, body: string, headers: readonly string[] = []): Promise<number> {
    return this.page.evaluate(([t, b, h]) => window.farEnd.info(t, b, h), [contentType, body, headers] as const);
  }

  notifyWithoutEvent(): Promise<number> {
    return this.page.evaluate(() => window.farEnd.notifyWithoutEvent());
  }

  refuseNextRefer(status: number): Promise<void> {
    return this.page.evaluate((s) => window.farEnd.refuseNextRefer(s), status);
  }
}
