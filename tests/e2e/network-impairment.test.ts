import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHearsTone } from '../support/app-audio';
import { startCoturn, type Coturn } from '../support/net/coturn';
import { startUdpImpairRelay, type UdpImpairRelay } from '../support/net/udp-impair-relay';
import { snap } from '../support/screenshots';
import { startKamailioServer, type SipTestServer } from '../support/sip-servers';
import { useToneBench } from '../support/tone-bench';
import { eventually } from './phone-engine.harness';

/**
 * A lossy line under a real call, seen in the app as the agent sees it. The customer (SIP.js)
 * relays all its media through coturn, and reaches coturn only through a userspace UDP relay that
 * drops datagrams by a seeded generator: every packet between the agent and the customer crosses
 * it, both ways. At 5 % loss the agent's quality badge must leave "good" by the app's own
 * thresholds (over 3 % loss is heard) and say why; the tones must still be heard both ways (Opus
 * FEC and concealment); when the loss ends, the badge must be good again.
 */
const AGENT_HZ = 440;
const CUSTOMER_HZ = 1250;
const TURN_PORT = 3478;
const SEED = 1405;

const bench = useToneBench(AGENT_HZ);
let server: SipTestServer;
let turn: Coturn;
let line: UdpImpairRelay;

beforeAll(async () => {
  server = await startKamailioServer();
  turn = await startCoturn('127.0.0.1', TURN_PORT, { allowLoopbackPeers: true });
  line = await startUdpImpairRelay({ host: '127.0.0.1', port: TURN_PORT }, { seed: SEED });
});
afterAll(async () => {
  await line?.close();
  await turn?.stop();
  await server?.stop();
});

const badge = (page: Page): Promise<string> => page.getByTestId('quality-badge').innerText();

describe('packet loss on the line (Kamailio, the customer relayed through coturn)', () => {
  it('at 5 % loss the badge drops to fair or poor and says audio is getting lost, the tones still pass; it recovers when the loss ends', async () => {
    const desk = await bench.agentSignedIn(server);
    const agent = desk.page;
    const customer = await bench.customerCalls(server, desk, {
      displayName: 'Lossy Customer',
      toneHz: CUSTOMER_HZ,
      rtcConfiguration: {
        iceServers: [{ ...turn.iceServer('udp'), urls: `turn:${line.host}:${line.port}?transport=udp` }],
        iceTransportPolicy: 'relay',
      },
    });
    // A clean line first: good quality, both hear each other, and the media does cross the relay.
    await eventually(
      () => badge(agent),
      (t) => t.startsWith('Quality good'),
      'badge good on a clean line',
      30_000,
    );
    await eventually(() => appHearsTone(agent, CUSTOMER_HZ), Boolean, 'agent hears the customer');
    await eventually(() => customer.hearsTone(AGENT_HZ), Boolean, 'customer hears the agent');
    expect(line.counts('to-target').forwarded).toBeGreaterThan(100);
    expect(line.counts('to-client').forwarded).toBeGreaterThan(100);

    line.impair({ loss: 0.05 });
    await eventually(
      () => badge(agent),
      (t) => /^Quality (fair|poor)/.test(t) && t.includes('audio is getting lost'),
      'badge fair or poor, with the loss named, at 5 % loss',
      45_000,
    );
    await snap(agent, 'call-quality-under-loss');
    expect(line.counts('to-client').dropped).toBeGreaterThan(0);
    expect(line.counts('to-target').dropped).toBeGreaterThan(0);
    // Audio keeps flowing through the loss: the tones are still heard both ways.
    await eventually(() => appHearsTone(agent, CUSTOMER_HZ), Boolean, 'agent hears the customer at 5 % loss');
    await eventually(() => customer.hearsTone(AGENT_HZ), Boolean, 'customer hears the agent at 5 % loss');

    line.impair({ loss: 0 });
    await eventually(
      () => badge(agent),
      (t) => t.startsWith('Quality good'),
      'badge good again after the loss',
      45_000,
    );
    await eventually(() => appHearsTone(agent, CUSTOMER_HZ), Boolean, 'agent hears the customer after the loss');

    await customer.hangup();
    await agent.getByRole('heading', { name: 'After-call work' }).waitFor();
  });
});
