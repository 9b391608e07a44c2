import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoturn, type Coturn } from '../support/net/coturn';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, eventually } from './phone-engine.harness';
import { SERVICE, useNamespaceBench } from './network-ns.setup';

// A strict firewall at the agent's: iptables in the agent's namespace drops UDP except to the
// TURN port (then UDP entirely). coturn relays the call; tones prove the audio both ways.
const TURN_PORT = 3478;

describe('calls through a strict firewall, relayed by coturn (Kamailio)', () => {
  const bench = useNamespaceBench();
  let turn: Coturn | undefined;
  beforeAll(async () => {
    turn = await startCoturn(SERVICE, TURN_PORT);
  });
  afterAll(async () => {
    await turn?.stop();
  });

  const firewall = async (rules: readonly string[][]): Promise<void> => {
    await bench.ns.exec('iptables', '-F', 'OUTPUT');
    for (const rule of rules) await bench.ns.exec('iptables', '-A', 'OUTPUT', ...rule);
  };

  it('only the TURN port is open to UDP: the call goes over a UDP relay', async () => {
    await bench.link('wlturn', '10.77.0.1', '10.77.0.2');
    await firewall([
      ['-o', 'lo', '-j', 'ACCEPT'],
      ['-p', 'udp', '-d', SERVICE, '--dport', String(TURN_PORT), '-j', 'ACCEPT'],
      ['-p', 'udp', '-j', 'DROP'],
    ]);
    const engine = await bench.agent({ iceServers: [turn!.iceServer('udp')] });
    const far = await bench.customer();
    const callId = await bench.connectedCall(engine, far);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent');
    expect(await engine.mediaPath(callId)).toMatchObject({ localType: 'relay', relayProtocol: 'udp' });
  });

  it('UDP is blocked entirely: the call goes over TURN on TCP', async () => {
    await bench.link('wltcp', '10.77.0.1', '10.77.0.2');
    await firewall([
      ['-o', 'lo', '-j', 'ACCEPT'],
      ['-p', 'udp', '-j', 'DROP'],
    ]);
    const engine = await bench.agent({ iceServers: [turn!.iceServer('tcp')] });
    const far = await bench.customer();
    const callId = await bench.connectedCall(engine, far);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent');
    expect(await engine.mediaPath(callId)).toMatchObject({ localType: 'relay', relayProtocol: 'tcp' });
  });
});
