import { describe, expect, it } from 'vitest';
import type { CallId } from '../../renderer/src/phone/events';
import { SIP_SERVERS } from '../support/sip-servers';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, eventually } from './phone-engine.harness';
import { useNamespaceBench } from './network-ns.setup';

// The agent's browser runs in a network namespace of its own, joined to the server's by a veth
// pair: a home network. Mid-call the agent moves to a new address on a new link (the old one
// is deleted), as a laptop moving from Wi-Fi to a hotspot does. The phone must notice, reconnect
// its signalling and restart ICE, and both must hear each other again on the new path.
const OLD = { host: '10.77.0.1', agent: '10.77.0.2' };
const NEW = { host: '10.78.0.1', agent: '10.78.0.2' };

type Agent = Awaited<ReturnType<ReturnType<typeof useNamespaceBench>['agent']>>;
type Customer = Awaited<ReturnType<ReturnType<typeof useNamespaceBench>['customer']>>;

/** The call runs on the agent's new address, with tones both ways again. */
async function healedOnNewAddress(engine: Agent, far: Customer, callId: CallId): Promise<void> {
  await eventually(
    () => engine.mediaPath(callId),
    (path) => path?.localAddress === NEW.agent,
    'the call on the new address',
  );
  await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer again');
  await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent again');
}

describe.each(SIP_SERVERS)('a network change during a call, on %s', (_name, start) => {
  const bench = useNamespaceBench(start);

  it('the agent moves to a new address mid-call: "Reconnecting audio…", an ICE restart, and tones both ways on the new path', async () => {
    const old = await bench.link('wlold', OLD.host, OLD.agent);
    const engine = await bench.agent();
    const far = await bench.customer();
    const callId = await bench.connectedCall(engine, far);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent');
    expect(await engine.mediaPath(callId)).toMatchObject({ localType: 'host', localAddress: OLD.agent });

    // The old link goes away with its address; a new one comes up with another address.
    await old.remove();
    await bench.link('wlnew', NEW.host, NEW.agent);

    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'reconnecting-audio', 40_000);
    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'recovered', 40_000);
    await healedOnNewAddress(engine, far, callId);

    // Signalling works both ways on the new connection: the customer hangs up, the agent is told.
    await far.hangup();
    expect(await engine.waitFor('ended', (e) => e.callId === callId)).toMatchObject({ cause: 'hangup', by: 'remote' });
  });

  it('no new path for 15 s: the agent is asked (keep trying or hang up), keeps trying, and the call heals once a new link is up', async () => {
    const old = await bench.link('wlgone', OLD.host, OLD.agent);
    const engine = await bench.agent();
    const far = await bench.customer();
    const callId = await bench.connectedCall(engine, far);
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent');

    // The only link goes and nothing replaces it: no way to the server or the customer.
    await old.remove();
    await engine.waitFor('call-network', (e) => e.callId === callId && e.state === 'stalled', 60_000);
    // Keep trying while there is still no path, so the restart cannot beat the click (the choice is
    // gone and the phone is back at "Reconnecting audio…" with a fresh 15 s)...
    expect(await engine.command('keepTrying', callId)).toBeUndefined();
    const states = async (): Promise<string[]> =>
      (await engine.events()).flatMap((e) => (e.type === 'call-network' && e.callId === callId ? [e.state] : []));
    expect((await states()).slice(-2)).toEqual(['stalled', 'reconnecting-audio']);
    // ...then the new link comes up, and the restarted path carries the call.
    await bench.link('wlback', NEW.host, NEW.agent);
    await eventually(
      () => states(),
      (all) => all.at(-1) === 'recovered',
      'the call recovered after keep trying',
      40_000,
    );
    await healedOnNewAddress(engine, far, callId);
    expect(await engine.command('hangup', callId)).toBeUndefined();
    await eventually(
      () => far.state(),
      (s) => s.session === 'Terminated',
      'customer sees the BYE',
    );
  });
});
