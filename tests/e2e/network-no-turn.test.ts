import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppHost, type AppHost } from '../support/app-host';
import { launchChromium } from '../support/chromium';
import { addLoopbackAddress, startNamespace, vethLink, type Namespace } from '../support/net/netns';
import { startTcpRelay, type TcpRelay } from '../support/net/tcp-relay';
import { snap } from '../support/screenshots';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { makeTempDir } from '../support/temp-dir';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { eventually, FarEndDriver, newUser } from './phone-engine.harness';

/**
 * A firewall at the agent's home that lets only the call centre's web and SIP traffic through
 * (TCP to one address) and nothing else: no UDP, so no media, and no TURN server to relay it. The
 * agent's browser runs in a network namespace of its own behind iptables; the app (browser host)
 * and Kamailio are reached through forwarders that keep their port numbers, so the page's origin
 * and settings are what they would be at home. The call connects, its audio cannot: the card must
 * say so and point at Settings → STUN/TURN servers, and hanging up must work.
 */
const SERVICE = '10.98.0.1';
const NO_MDNS = '--disable-features=WebRtcHideLocalIpsWithMdns';
const NO_TURN_WARNING =
  "No audio: your network blocks the call's sound, and no TURN server is set. Ask your administrator for a TURN server and add it in Settings → STUN/TURN servers.";
const NO_AUDIO = "No audio: the network lets none of this call's sound through.";

let server: SipTestServer;
let pages: TestPages;
let dir: ReturnType<typeof makeTempDir>;
let ns: Namespace;
let agentBrowser: Browser;
let customerBrowser: Browser;
const relays: TcpRelay[] = [];
const apps: AppHost[] = [];
const opened: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  server = await startKamailioServer();
  pages = await serveTestPages({ 'far-end': 'tests/support/far-end/sipjs-far-end.ts' });
  await addLoopbackAddress(SERVICE);
  ns = await startNamespace();
  await vethLink(ns, 'wlnoturn', '10.76.0.1', '10.76.0.2', [`${SERVICE}/32`]);
  const sip = new URL(server.wsUrl);
  const sipRelay = await startTcpRelay({ host: sip.hostname, port: Number(sip.port) }, SERVICE);
  relays.push(sipRelay);
  await ns.forward(SERVICE, sipRelay.port, Number(sip.port));
  // The firewall: loopback, and TCP to the call centre's web and SIP ports; everything else is dropped.
  await ns.exec('iptables', '-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT');
  await ns.exec('iptables', '-A', 'OUTPUT', '-j', 'DROP');
  await openPort(sipRelay.port);
  agentBrowser = await launchChromium([NO_MDNS], { executablePath: ns.wrap() });
  customerBrowser = await launchChromium([NO_MDNS]);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await Promise.all(apps.splice(0).map((app) => app.close()));
  expect(pageErrors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await agentBrowser?.close();
  await customerBrowser?.close();
  await ns?.close();
  await Promise.all(relays.map((relay) => relay.close()));
  await pages?.close();
  await server?.stop();
  dir?.remove();
});

/** Lets the agent's namespace reach this TCP port of the call centre's address. */
async function openPort(port: number): Promise<void> {
  await ns.exec('iptables', '-I', 'OUTPUT', '1', '-p', 'tcp', '-d', SERVICE, '--dport', String(port), '-j', 'ACCEPT');
}

/** The app for a new agent with these ICE servers, opened in the agent's (firewalled) browser and signed in. */
async function agentApp(
  iceServers: { urls: string; username?: string; credential?: string }[],
): Promise<{ page: Page; user: string }> {
  const user = newUser('agent');
  const app = await startAppHost(join(dir.path, newUser('agent-data')));
  apps.push(app);
  await app.services.handlers.saveSettings({
    serverUrl: server.wsUrl,
    sipUri: `sip:${user}@${server.domain}`,
    password: server.password,
    displayName: 'Ana Agent',
    iceServers,
  });
  const url = new URL(app.url);
  const appRelay = await startTcpRelay({ host: url.hostname, port: Number(url.port) }, SERVICE);
  relays.push(appRelay);
  await openPort(appRelay.port);
  await ns.forward(SERVICE, appRelay.port, Number(url.port));
  const page = await agentBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  opened.push(page);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(app.url);
  await eventually(
    () => page.getByTestId('registration').textContent(),
    (t) => t === 'Signed in',
    `${user} signed in through the firewall`,
  );
  return { page, user };
}

/** A customer (outside the firewall) calls the agent, who answers: the call is up, its audio is not. */
async function answeredCall(agent: Page, user: string): Promise<FarEndDriver> {
  const customer = await FarEndDriver.open(customerBrowser, pages, server, 'customer', { displayName: 'Blocked Customer' });
  opened.push(customer.page);
  await customer.call(`sip:${user}@${server.domain}`);
  await agent.getByRole('button', { name: 'Answer' }).click();
  await eventually(
    () => customer.state(),
    (s) => s.session === 'Established',
    'customer connected',
  );
  return customer;
}

const networkNotice = (page: Page): Promise<string | null> =>
  page
    .getByTestId('call-network')
    .textContent({ timeout: 1_000 })
    .catch(() => null);

describe('a firewall that blocks all media (Kamailio)', () => {
  it('with no TURN server set, the call card says the audio cannot connect and to add a TURN server in Settings; Hang up ends the call', async () => {
    const { page, user } = await agentApp([]);
    const customer = await answeredCall(page, user);
    await eventually(
      () => networkNotice(page),
      (t) => t?.includes(NO_TURN_WARNING) ?? false,
      'the no-TURN warning',
      75_000,
    );
    expect(await page.getByRole('alert').filter({ hasText: NO_TURN_WARNING }).isVisible()).toBe(true);
    await snap(page, 'call-no-audio-no-turn');
    await page.getByTestId('call-network').getByRole('button', { name: 'Hang up' }).click();
    await page.getByRole('heading', { name: 'After-call work' }).waitFor();
    await eventually(
      () => customer.state(),
      (s) => s.session === 'Terminated',
      'the customer sees the BYE',
    );
  });

  it('with a TURN server set (that the firewall also keeps out), the card says there is no audio without blaming a missing TURN server', async () => {
    const { page, user } = await agentApp([{ urls: `turn:${SERVICE}:3478`, username: 'agent', credential: 'turn-secret' }]);
    await answeredCall(page, user);
    await eventually(
      () => networkNotice(page),
      (t) => t?.startsWith(NO_AUDIO) ?? false,
      'the no-audio notice',
      75_000,
    );
    expect(await networkNotice(page)).not.toContain('TURN');
    await page.getByTestId('call-network').getByRole('button', { name: 'Hang up' }).click();
    await page.getByRole('heading', { name: 'After-call work' }).waitFor();
  });
});
