import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appHearsTone } from '../support/app-audio';
import { startAppHost, type AppHost } from '../support/app-host';
import { toneWav } from '../support/baresip';
import { launchChromium } from '../support/chromium';
import { relayWsUrl, startTcpRelay, type TcpRelay } from '../support/net/tcp-relay';
import { snap } from '../support/screenshots';
import { SIP_SERVERS, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

/**
 * A Wi-Fi drop mid-call as the agent sees it in the app: the app's WebSocket goes through a TCP
 * relay the test cuts (and keeps refusing for a while). The call card must say "Reconnecting…"
 * and the status bar that the connection is lost, while the audio keeps flowing both ways; Hold,
 * Keypad and Escalate (which the phone would refuse) are disabled and say why; once
 * the server is reachable again the app is signed in again, the notice goes, and the call goes on
 * (the customer holds and resumes, the agent holds and resumes, the agent hangs up).
 */
const AGENT_HZ = 440;
const CUSTOMER_HZ = 1250;

let pages: TestPages;
let browser: Browser;
let dir: ReturnType<typeof makeTempDir>;
const opened: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  const voice = join(dir.path, 'agent.wav');
  writeFileSync(voice, toneWav(AGENT_HZ, 60, 48_000));
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  browser = await launchChromium([`--use-file-for-fake-audio-capture=${voice}`]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  dir?.remove();
});

/** The call card's controls that need the signalling (the phone refuses them while it reconnects). */
const SIGNALLING_CONTROLS = ['hold', 'keypad', 'escalate'] as const;
const WHY_DISABLED = 'Not while reconnecting: wait until the connection is back';

/** Each of those controls on the current call's card: disabled, and its tooltip. */
const controls = (page: Page): Promise<{ control: string; disabled: boolean; title: string | null }[]> =>
  page.evaluate((names) => {
    const card = document.querySelector('[aria-label="Current call"]');
    return names.map((control) => {
      const button = card?.querySelector<HTMLButtonElement>(`[data-shortcut="${control}"]`);
      return { control, disabled: button?.disabled ?? true, title: button?.getAttribute('title') ?? null };
    });
  }, SIGNALLING_CONTROLS);

const text = (page: Page, testId: string): Promise<string | null> =>
  page
    .getByTestId(testId)
    .textContent({ timeout: 1_000 })
    .catch(() => null);

describe.each(SIP_SERVERS)('the app during a WebSocket drop mid-call, on %s', (name, start) => {
  let server: SipTestServer;
  let relay: TcpRelay | undefined;
  let app: AppHost | undefined;
  beforeAll(async () => {
    server = await start();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
    await app?.close();
    await relay?.close();
    app = undefined;
    relay = undefined;
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the call card says "Reconnecting…" and the status bar that the connection is lost while audio flows, hold/keypad/escalate disabled with why; afterwards the call goes on', async () => {
    const ws = new URL(server.wsUrl);
    relay = await startTcpRelay({ host: ws.hostname, port: Number(ws.port) });
    const user = newUser('agent');
    app = await startAppHost(join(dir.path, newUser('agent-data')));
    await app.services.handlers.saveSettings({
      serverUrl: relayWsUrl(relay),
      sipUri: `sip:${user}@${server.domain}`,
      password: server.password,
      displayName: 'Ana Agent',
    });
    const agent = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    opened.push(agent);
    agent.on('pageerror', (e) => pageErrors.push(e.message));
    await agent.goto(app.url);
    await eventually(
      () => text(agent, 'registration'),
      (t) => t === 'Signed in',
      'agent signed in',
    );
    const customer = await FarEndDriver.open(browser, pages, server, 'customer', {
      displayName: 'Wi-Fi Customer',
      toneHz: CUSTOMER_HZ,
    });
    opened.push(customer.page);
    await customer.call(`sip:${user}@${server.domain}`);
    await agent.getByRole('button', { name: 'Answer' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Established',
      'customer connected',
    );
    await eventually(() => appHearsTone(agent, CUSTOMER_HZ), Boolean, 'agent hears the customer');
    await eventually(() => customer.hearsTone(AGENT_HZ), Boolean, 'customer hears the agent');

    // The Wi-Fi drops: the connection is cut and the server stays out of reach for now.
    relay.refuse(true);
    relay.dropAll();
    await eventually(
      () => text(agent, 'call-network'),
      (t) => t === 'Reconnecting…',
      'the call card says Reconnecting…',
    );
    await eventually(
      () => text(agent, 'registration'),
      (t) => t?.startsWith('Connection lost, reconnecting') ?? false,
      'the status bar says the connection is lost',
    );
    expect(await text(agent, 'agent-state')).toBe('Status: On a call');
    // Hold, Keypad and Escalate would be refused now: they are disabled and say why (not the shortcut).
    expect(await controls(agent)).toEqual(
      SIGNALLING_CONTROLS.map((control) => ({ control, disabled: true, title: WHY_DISABLED })),
    );
    // Signalling is down, the media path is not.
    await eventually(() => appHearsTone(agent, CUSTOMER_HZ), Boolean, 'agent hears the customer while reconnecting');
    await eventually(() => customer.hearsTone(AGENT_HZ), Boolean, 'customer hears the agent while reconnecting');
    await snap(agent, `call-reconnecting-${name === 'Kamailio' ? 'kamailio' : 'lab'}`);

    relay.refuse(false);
    await eventually(
      () => text(agent, 'registration'),
      (t) => t === 'Reconnected and signed in again',
      'the status bar says signed in again',
      30_000,
    );
    await eventually(
      () => agent.getByTestId('call-network').count(),
      (n) => n === 0,
      'the notice is gone once the call is recovered',
    );

    // The controls are back, with their shortcuts as tooltips again.
    await eventually(
      () => controls(agent),
      (all) => all.every((c) => !c.disabled && c.title !== null && c.title.startsWith('Shortcut: ')),
      'hold, keypad and escalate enabled again',
    );

    // The dialog is usable both ways on the new connection.
    const card = agent.getByRole('region', { name: 'Current call' });
    await customer.hold(true);
    await eventually(
      () => card.textContent(),
      (t) => t?.includes('the other side put you on hold') ?? false,
      'the customer put the agent on hold',
    );
    await customer.hold(false);
    await eventually(
      () => card.textContent(),
      (t) => !(t?.includes('the other side put you on hold') ?? true),
      'the customer resumed',
    );
    await card.getByRole('button', { name: 'Hold' }).click();
    await card.getByRole('button', { name: 'Resume' }).click();
    await eventually(() => appHearsTone(agent, CUSTOMER_HZ), Boolean, 'agent hears the customer after resume');
    await eventually(() => customer.hearsTone(AGENT_HZ), Boolean, 'customer hears the agent after resume');
    await card.getByRole('button', { name: 'Hang up' }).click();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Terminated',
      'the customer sees the BYE',
    );
    await agent.getByRole('heading', { name: 'After-call work' }).waitFor();
  });
});
