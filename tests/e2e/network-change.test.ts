import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { addLoopbackAddress, startNamespace, vethLink, type Namespace, type VethLink } from '../support/net/netns';
import { startTcpRelay, type TcpRelay } from '../support/net/tcp-relay';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, EngineDriver, FarEndDriver, eventually } from './phone-engine.harness';

// The agent's browser runs in a network namespace of its own, joined to the server's by a veth
// pair: a home network. Mid-call the agent moves to a new address on a new link (the old one
// is deleted), as a laptop moving from Wi-Fi to a hotspot does. The phone must notice, reconnect
// its signalling and restart ICE, and both must hear each other again on the new path.
const SERVICE = '10.99.0.1';
const OLD = { host: '10.77.0.1', agent: '10.77.0.2' };
const NEW = { host: '10.78.0.1', agent: '10.78.0.2' };
const NO_MDNS = '--disable-features=WebRtcHideLocalIpsWithMdns';

describe('a network change during a call (Kamailio)', () => {
  let server: SipTestServer;
  let pages: TestPages;
  let ns: Namespace;
  let sipRelay: TcpRelay;
  let pagesRelay: TcpRelay;
  let agentBrowser: Browser;
  let farBrowser: Browser;
  let agentSip = '';
  let agentPagesPort = 0;
  const links: VethLink[] = [];
  const opened: Page[] = [];

  beforeAll(async () => {
    server = await startKamailioServer();
    pages = await serveTestPages({
      engine: 'tests/e2e/phone-engine.page.ts',
      'far-end': 'tests/support/far-end/sipjs-far-end.ts',
    });
    // The server side is reached at one address that does not move, behind whichever link is up.
    await addLoopbackAddress(SERVICE);
    const ws = new URL(server.wsUrl);
    sipRelay = await startTcpRelay({ host: ws.hostname, port: Number(ws.port) }, SERVICE);
    const http = new URL(pages.url('engine'));
    pagesRelay = await startTcpRelay({ host: http.hostname, port: Number(http.port) }, SERVICE);
    ns = await startNamespace();
    agentSip = `ws://127.0.0.1:${await ns.forward(SERVICE, sipRelay.port)}`;
    agentPagesPort = await ns.forward(SERVICE, pagesRelay.port);
    agentBrowser = await launchChromium([NO_MDNS], { executablePath: ns.wrap() });
    farBrowser = await launchChromium([NO_MDNS]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close()));
    await Promise.all(links.splice(0).map((link) => link.remove()));
  });
  afterAll(async () => {
    await agentBrowser?.close();
    await farBrowser?.close();
    await ns?.close();
    await sipRelay?.close();
    await pagesRelay?.close();
    await pages?.close();
    await server?.stop();
  });

  const agentPages = (): TestPages => ({
    url: (name) => `http://127.0.0.1:${agentPagesPort}/${name}.html`,
    close: async () => {},
  });

  it('the agent moves to a new address mid-call: "Reconnecting audio…", an ICE restart, and tones both ways on the new path', async () => {
    links.push(await vethLink(ns, 'wlold', OLD.host, OLD.agent, [`${SERVICE}/32`]));
    const engine = await EngineDriver.open(agentBrowser, agentPages(), server, { serverUrl: agentSip });
    opened.push(engine.page);
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const far = await FarEndDriver.open(farBrowser, pages, server, 'customer');
    opened.push(far.page);
    await far.call(engine.aor);
    const { call } = await engine.waitFor('incoming');
    const callId = call.callId;
    expect(await engine.answer(callId)).toBeUndefined();
    await engine.waitFor('answered', (e) => e.callId === callId);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent');
    expect(await engine.mediaPath(callId)).toMatchObject({ localType: 'host', localAddress: OLD.agent });

    // The old link goes away with its address; a new one comes up with another address.
    await links.shift()!.remove();
    links.push(await vethLink(ns, 'wlnew', NEW.host, NEW.agent, [`${SERVICE}/32`]));

    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'reconnecting-audio');
    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'recovered', 30_000);
    await eventually(
      () => engine.mediaPath(callId),
      (path) => path?.localAddress === NEW.agent,
      'the call on the new address',
    );
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer again');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent again');

    // Signalling works both ways on the new connection: the customer hangs up, the agent is told.
    await far.hangup();
    expect(await engine.waitFor('ended', (e) => e.callId === callId)).toMatchObject({ cause: 'hangup', by: 'remote' });
  });
});
