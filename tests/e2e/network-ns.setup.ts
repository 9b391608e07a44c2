import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallId } from '../../renderer/src/phone';
import { launchChromium } from '../support/chromium';
import { addLoopbackAddress, startNamespace, vethLink, type Namespace, type VethLink } from '../support/net/netns';
import { startTcpRelay, type TcpRelay } from '../support/net/tcp-relay';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { EngineDriver, FarEndDriver, eventually } from './phone-engine.harness';

/** The server side's one stable address (on the test namespace's loopback), behind whichever link is up. */
export const SERVICE = '10.99.0.1';
const NO_MDNS = '--disable-features=WebRtcHideLocalIpsWithMdns';

export interface NamespaceBench {
  readonly server: SipTestServer;
  readonly ns: Namespace;
  /** A veth link into the agent's namespace, routing the service address through it; removed after the test. */
  link(name: string, hostAddress: string, agentAddress: string): Promise<VethLink>;
  /** The agent's engine page, in its own namespace, signalling through a loopback forwarder there. */
  agent(overrides?: Parameters<typeof EngineDriver.open>[3]): Promise<EngineDriver>;
  customer(): Promise<FarEndDriver>;
  /** The customer calls the (Available) agent, who answers; both established. */
  connectedCall(engine: EngineDriver, far: FarEndDriver): Promise<CallId>;
}

/**
 * The agent at home: its Chromium in a network namespace of its own, joined to the test's
 * namespace (the SIP server, Kamailio unless `start` says otherwise, the customer's Chromium, TURN)
 * only by the veth links a test creates.
 */
export function useNamespaceBench(start: () => Promise<SipTestServer> = startKamailioServer): NamespaceBench {
  let server: SipTestServer | undefined;
  let pages: TestPages | undefined;
  let ns: Namespace | undefined;
  const relays: TcpRelay[] = [];
  let agentSip = '';
  let agentPagesPort = 0;
  let agentBrowser: Browser | undefined;
  let farBrowser: Browser | undefined;
  const links: VethLink[] = [];
  const opened: Page[] = [];

  beforeAll(async () => {
    server = await start();
    pages = await serveTestPages({
      engine: 'tests/e2e/phone-engine.page.ts',
      'far-end': 'tests/support/far-end/sipjs-far-end.ts',
    });
    await addLoopbackAddress(SERVICE);
    const ws = new URL(server.wsUrl);
    const sipRelay = await startTcpRelay({ host: ws.hostname, port: Number(ws.port) }, SERVICE);
    const http = new URL(pages.url('engine'));
    const pagesRelay = await startTcpRelay({ host: http.hostname, port: Number(http.port) }, SERVICE);
    relays.push(sipRelay, pagesRelay);
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
    await Promise.all(relays.map((relay) => relay.close()));
    await pages?.close();
    await server?.stop();
  });

  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('bench not started (use inside a test)');
    return value;
  };
  return {
    get server() {
      return need(server);
    },
    get ns() {
      return need(ns);
    },
    async link(name, hostAddress, agentAddress) {
      const link = await vethLink(need(ns), name, hostAddress, agentAddress, [`${SERVICE}/32`]);
      links.push(link);
      return link;
    },
    async agent(overrides = {}) {
      const agentPages: TestPages = {
        url: (name) => `http://127.0.0.1:${agentPagesPort}/${name}.html`,
        close: async () => {},
      };
      const engine = await EngineDriver.open(need(agentBrowser), agentPages, need(server), { serverUrl: agentSip, ...overrides });
      opened.push(engine.page);
      return engine;
    },
    async customer() {
      const far = await FarEndDriver.open(need(farBrowser), need(pages), need(server), 'customer');
      opened.push(far.page);
      return far;
    },
    async connectedCall(engine, far) {
      await engine.waitRegistered();
      await engine.setAvailable(true);
      await far.call(engine.aor);
      const { call } = await engine.waitFor('incoming');
      expect(await engine.answer(call.callId)).toBeUndefined();
      await engine.waitFor('answered', (e) => e.callId === call.callId);
      await eventually(
        () => far.state(),
        (s) => s.session === 'Established',
        'far end established',
      );
      return call.callId;
    },
  };
}
