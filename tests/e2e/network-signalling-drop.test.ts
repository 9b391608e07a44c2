import { afterEach, describe, expect, it } from 'vitest';
import { SIP_SERVERS } from '../support/sip-servers';
import { relayWsUrl, startTcpRelay, type TcpRelay } from '../support/net/tcp-relay';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, eventually, rising, stalled } from './phone-engine.harness';
import { useNetBench } from './network.setup';

// The agent's WebSocket goes through a TCP relay the test can cut, as a Wi-Fi drop cuts it.
// The call must not end: audio flows on, the phone reconnects, re-registers and re-INVITEs so
// the server reaches it on the new connection, and hold and hang-up work afterwards.
describe.each(SIP_SERVERS)('a WebSocket drop during a call, on %s', (_name, start) => {
  const bench = useNetBench(start);
  let relay: TcpRelay | undefined;
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
  });

  it('keeps the call: audio flows while reconnecting, then the far end and the agent can both hold, resume and hang up', async () => {
    const server = new URL(bench.server.wsUrl);
    relay = await startTcpRelay({ host: server.hostname, port: Number(server.port) });
    const { engine, far, callId } = await bench.connectedCall({ serverUrl: relayWsUrl(relay) });
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent');

    relay.refuse(true);
    relay.dropAll();
    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'reconnecting');
    await engine.waitFor('registration', (e) => e.status.state === 'connecting');
    // Signalling is down, the media path is not: both still hear each other.
    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes while reconnecting');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer while reconnecting');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent while reconnecting');
    expect((await engine.events()).some((e) => e.type === 'ended')).toBe(false);

    relay.refuse(false);
    await engine.waitRegistered(true);
    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'recovered');

    // The far end's requests reach the agent only if the server routes them to the new connection.
    await far.hold(true);
    await engine.waitFor('held', (e) => e.callId === callId && e.by === 'remote');
    await far.hold(false);
    await engine.waitFor('resumed', (e) => e.callId === callId && e.by === 'remote');

    expect(await engine.command('hold', callId)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === callId && e.by === 'local');
    await stalled(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes on hold');
    expect(await engine.command('resume', callId)).toBeUndefined();
    await engine.waitFor('resumed', (e) => e.callId === callId && e.by === 'local');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer after resume');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent after resume');

    expect(await engine.command('hangup', callId)).toBeUndefined();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Terminated',
      'customer sees the BYE',
    );
    expect(await engine.errors()).toEqual([]);
  });
});
