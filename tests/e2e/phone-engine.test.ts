import { describe, expect, it } from 'vitest';
import { startKamailio } from '../support/kamailio';
import {
  AGENT_TONE_HZ,
  CUSTOMER_TONE_HZ,
  EngineDriver,
  type FarEndDriver,
  eventually,
  rising,
  stalled,
} from './phone-engine.harness';
import { useBench } from './phone-engine.setup';

// The phone engine (JsSIP, wrapped) in real Chromium, against Debian's Kamailio, with SIP.js
// far ends in other pages. Audio is proven by bytes on the wire and by a tone heard.
const bench = useBench();

const customer = (options: Parameters<typeof bench.farEnd>[1] = {}): Promise<FarEndDriver> =>
  bench.farEnd('customer', { displayName: 'Ada Customer', ...options });

describe('phone engine against Kamailio, SIP.js at the far end', () => {
  it('agent registers, a customer calls from a queue, the agent answers and both hear each other', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered(false);
    await engine.setAvailable(true);
    const far = await customer();
    await far.call(engine.aor, ['X-Warmline-Queue: Billing', 'X-Warmline-Queue-Wait: 42']);

    const incoming = await engine.waitFor('incoming');
    expect(incoming.call.direction).toBe('inbound');
    expect(incoming.call.remote.name).toBe('Ada Customer');
    expect(incoming.call.remote.number).toBe(far.user);
    expect(incoming.call.queue).toEqual({ name: 'Billing', waitSeconds: 42 });
    expect(incoming.waiting).toBe(false);

    expect(await engine.answer(incoming.call.callId)).toBeUndefined();
    const callId = incoming.call.callId;
    await engine.waitFor('answered', (e) => e.callId === callId);
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 200 && s.session === 'Established',
      'far end sees 200',
    );

    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes');
    await rising(() => far.inboundBytes(), 'customer inbound-rtp bytes');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer tone');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent tone');
    expect(await engine.playing()).toBe(true);
    expect(await engine.errors()).toEqual([]);
  });

  it('hold stops the media and resume restarts it', async () => {
    const { engine, far, callId } = await bench.connectedCall();
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent before hold');

    expect(await engine.command('hold', callId)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === callId && e.by === 'local');
    // a=sendonly from us, recvonly back (RFC 3264 §8.4): the customer stops sending to us,
    // and our microphone track is disabled, so the customer hears silence.
    await stalled(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes on hold');
    await eventually(
      () => far.hearsTone(AGENT_TONE_HZ),
      (heard) => !heard,
      'customer no longer hears the agent',
    );

    expect(await engine.command('resume', callId)).toBeUndefined();
    await engine.waitFor('resumed', (e) => e.callId === callId && e.by === 'local');
    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes after resume');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer again');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent again');
  });

  it('mute silences the agent and unmute brings the voice back', async () => {
    const { engine, far, callId } = await bench.connectedCall();
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent before mute');

    expect(await engine.command('mute', callId)).toBeUndefined();
    await engine.waitFor('muted', (e) => e.callId === callId);
    await eventually(
      () => far.hearsTone(AGENT_TONE_HZ),
      (heard) => !heard,
      'customer hears silence while muted',
    );
    // Muting is one-way: the agent still hears the customer.
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent still hears the customer');

    expect(await engine.command('unmute', callId)).toBeUndefined();
    await engine.waitFor('unmuted', (e) => e.callId === callId);
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent after unmute');
  });

  it('DTMF digits arrive in order at the far end (SIP INFO) and leave in order in the media (RFC 4733)', async () => {
    const { engine, far, callId } = await bench.connectedCall();
    expect(await engine.sendDtmf(callId, '1234#*9', 'info')).toBeUndefined();
    await eventually(
      () => far.state(),
      (s) => s.infoDigits === '1234#*9',
      'far end received 1234#*9 by INFO',
    );

    // A page cannot read telephone-events out of RTP; the RTCDTMFSender's tone changes are the
    // proof that the digits went into the media stream, in order (see the report for the rest).
    expect(await engine.sendDtmf(callId, '507', 'rfc4733')).toBeUndefined();
    await eventually(
      async () =>
        (await engine.events())
          .filter((e) => e.type === 'dtmf-sent')
          .map((e) => (e.type === 'dtmf-sent' ? e.digit : ''))
          .join(''),
      (digits) => digits === '1234#*9507',
      'dtmf-sent events in order',
    );
    expect(await engine.sendDtmf(callId, '12\r\nX', 'info')).toBe('invalid-digits');
  });

  it('each side can hang up', async () => {
    const first = await bench.connectedCall();
    expect(await first.engine.command('hangup', first.callId)).toBeUndefined();
    const endedByAgent = await first.engine.waitFor('ended', (e) => e.callId === first.callId);
    expect(endedByAgent).toMatchObject({ cause: 'hangup', by: 'local' });
    await eventually(
      () => first.far.state(),
      (s) => s.session === 'Terminated',
      'customer sees the BYE',
    );

    const second = await bench.connectedCall();
    await second.far.hangup();
    const endedByCustomer = await second.engine.waitFor('ended', (e) => e.callId === second.callId);
    expect(endedByCustomer).toMatchObject({ cause: 'hangup', by: 'remote' });
  });

  it('the microphone opened for a call stops capturing when the call ends, whoever hangs up', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const answered: string[] = [];
    for (const hangsUp of ['agent', 'customer'] as const) {
      const far = await customer();
      await far.call(engine.aor);
      const incoming = await engine.waitFor('incoming', (e) => !answered.includes(e.call.callId));
      const callId = incoming.call.callId;
      answered.push(callId);
      expect(await engine.answerFromMicrophone(callId)).toBeUndefined();
      await engine.waitFor('answered', (e) => e.callId === callId);
      await rising(() => far.inboundBytes(), 'customer inbound-rtp bytes from the microphone');
      expect(await engine.liveMicrophoneTracks()).toBe(1);
      if (hangsUp === 'agent') expect(await engine.command('hangup', callId)).toBeUndefined();
      else await far.hangup();
      await engine.waitFor('ended', (e) => e.callId === callId);
      // Live, the browser shows the microphone in use after the call, and its audio processing runs on.
      await eventually(
        () => engine.liveMicrophoneTracks(),
        (n) => n === 0,
        `the microphone released after the ${hangsUp} hung up`,
      );
    }
    expect(await engine.errors()).toEqual([]);
  });

  it('rejecting a call gives 486 Busy Here at the far end', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const far = await customer();
    await far.call(engine.aor);
    const incoming = await engine.waitFor('incoming');
    expect(await engine.command('reject', incoming.call.callId)).toBeUndefined();
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 486,
      'far end gets 486',
    );
    expect(await engine.waitFor('ended')).toMatchObject({ cause: 'rejected', by: 'local' });
  });

  it('a call to an agent who is not Available is refused with 486, and the app is told', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(false);
    const far = await customer();
    await far.call(engine.aor, ['X-Warmline-Queue: Sales']);
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 486,
      'far end gets 486',
    );
    const refused = await engine.waitFor('refused');
    expect(refused.call.queue?.name).toBe('Sales');
    expect((await engine.events()).some((e) => e.type === 'incoming')).toBe(false);
  });

  it('the agent dials out and the called party answers', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    const far = await customer({ autoAnswer: true });
    const callId = await engine.call(far.aor);
    await engine.waitFor('answered', (e) => e.callId === callId);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the called party');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'called party hears the agent');
  });

  it('a wrong password is reported as a wrong password, with the SIP status', async () => {
    const engine = await bench.agent({ password: 'not-the-password' });
    const failed = await engine.waitFor('registration', (e) => e.status.state === 'failed');
    expect(failed.status).toMatchObject({ state: 'failed', failure: { reason: 'wrong-password', status: 403 } });
  });

  it('an unreachable server is reported as such while the phone keeps trying', async () => {
    const engine = await bench.agent({ serverUrl: 'ws://127.0.0.1:9' });
    const connecting = await engine.waitFor(
      'registration',
      (e) => e.status.state === 'connecting' && e.status.lastFailure?.reason === 'server-unreachable',
    );
    expect(connecting.status.state).toBe('connecting');
  });
  it('the customer puts the agent on hold and takes the agent off hold', async () => {
    const { engine, far, callId } = await bench.connectedCall();
    await far.hold(true);
    await engine.waitFor('held', (e) => e.callId === callId && e.by === 'remote');
    await far.hold(false);
    await engine.waitFor('resumed', (e) => e.callId === callId && e.by === 'remote');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer again');
  });

  it('a second call while talking is offered as call waiting; the agent holds the first and answers it', async () => {
    const { engine, callId: first } = await bench.connectedCall();
    const second = await customer({ toneHz: 880 });
    await second.call(engine.aor);
    const waiting = await engine.waitFor('incoming', (e) => e.call.callId !== first);
    expect(waiting.waiting).toBe(true);
    expect(await engine.command('hold', first)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === first);
    expect(await engine.answer(waiting.call.callId)).toBeUndefined();
    await engine.waitFor('answered', (e) => e.callId === waiting.call.callId);
    await eventually(() => engine.hearsTone(waiting.call.callId, 880), Boolean, 'agent hears the second caller');
    await eventually(() => second.hearsTone(AGENT_TONE_HZ), Boolean, 'second caller hears the agent');
  });

  it('signing out (unregister, then disconnect): calls to the agent are no longer routed to the page', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.stop();
    await engine.waitFor('registration', (e) => e.status.state === 'stopped');
    const far = await customer();
    await far.call(engine.aor);
    await eventually(
      () => far.state(),
      (s) => s.finalStatus === 404,
      'Kamailio answers 404',
    );
  });

  it('a closed agent page is no longer offered calls (usrloc handle_lost_tcp)', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    const aor = engine.aor;
    await engine.page.close();
    const far = await customer();
    await eventually(
      async () => {
        await far.call(aor);
        return eventually(
          () => far.state(),
          (s) => s.finalStatus !== undefined,
          'a final response',
        );
      },
      (s) => s.finalStatus === 404,
      'Kamailio to answer 404 for the closed page',
    );
  });
});

describe('staying registered', () => {
  it('after Kamailio stops and starts again, the engine re-registers by itself and says so', async () => {
    const own = await startKamailio();
    let engine: EngineDriver | undefined;
    try {
      engine = await EngineDriver.open(bench.browser, bench.pages, own);
      await engine.waitRegistered(false);
      await own.stop();
      await engine.waitFor(
        'registration',
        (e) => e.status.state === 'connecting' && e.status.lastFailure?.reason === 'server-unreachable',
      );
      await own.restart();
      await engine.waitRegistered(true);
    } finally {
      await engine?.page.close();
      await own.stop();
    }
  });
});
