import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallId } from '../../renderer/src/phone';
import { launchChromium } from '../support/chromium';
import { startKamailio, type Kamailio } from '../support/kamailio';
import { serveTestPages, type TestPages } from '../support/test-pages';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, EngineDriver, FarEndDriver, eventually, rising, stalled } from './phone-engine.harness';

// The phone engine (JsSIP, wrapped) in real Chromium, against Debian's Kamailio, with SIP.js
// far ends in other pages. Audio is proven by bytes on the wire and by a tone heard.
let kamailio: Kamailio;
let pages: TestPages;
let browser: Browser;
const opened: Page[] = [];

beforeAll(async () => {
  kamailio = await startKamailio();
  pages = await serveTestPages({
    engine: 'tests/e2e/phone-engine.page.ts',
    'far-end': 'tests/support/far-end/sipjs-far-end.ts',
  });
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await kamailio?.stop();
});

async function agent(overrides: Parameters<typeof EngineDriver.open>[3] = {}): Promise<EngineDriver> {
  const engine = await EngineDriver.open(browser, pages, kamailio, overrides);
  opened.push(engine.page);
  return engine;
}

async function customer(options: Parameters<typeof FarEndDriver.open>[4] = {}): Promise<FarEndDriver> {
  const far = await FarEndDriver.open(browser, pages, kamailio, 'customer', { displayName: 'Ada Customer', ...options });
  opened.push(far.page);
  return far;
}

/** An Available agent with an answered call from a customer, audio flowing both ways. */
async function connectedCall(): Promise<{ engine: EngineDriver; far: FarEndDriver; callId: CallId }> {
  const engine = await agent();
  await engine.waitRegistered();
  await engine.setAvailable(true);
  const far = await customer();
  await far.call(engine.aor);
  const incoming = await engine.waitFor('incoming');
  expect(await engine.answer(incoming.call.callId)).toBeUndefined();
  await engine.waitFor('answered', (e) => e.callId === incoming.call.callId);
  await eventually(
    () => far.state(),
    (s) => s.session === 'Established',
    'far end established',
  );
  return { engine, far, callId: incoming.call.callId };
}

describe('phone engine against Kamailio, SIP.js at the far end', () => {
  it('agent registers, a customer calls from a queue, the agent answers and both hear each other', async () => {
    const engine = await agent();
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
    expect(await engine.errors()).toEqual([]);
  });

  it('hold stops the media and resume restarts it', async () => {
    const { engine, far, callId } = await connectedCall();
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
    const { engine, far, callId } = await connectedCall();
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
    const { engine, far, callId } = await connectedCall();
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
    const first = await connectedCall();
    expect(await first.engine.command('hangup', first.callId)).toBeUndefined();
    const endedByAgent = await first.engine.waitFor('ended', (e) => e.callId === first.callId);
    expect(endedByAgent).toMatchObject({ cause: 'hangup', by: 'local' });
    await eventually(
      () => first.far.state(),
      (s) => s.session === 'Terminated',
      'customer sees the BYE',
    );

    const second = await connectedCall();
    await second.far.hangup();
    const endedByCustomer = await second.engine.waitFor('ended', (e) => e.callId === second.callId);
    expect(endedByCustomer).toMatchObject({ cause: 'hangup', by: 'remote' });
  });

  it('rejecting a call gives 486 Busy Here at the far end', async () => {
    const engine = await agent();
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
    const engine = await agent();
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
    const engine = await agent();
    await engine.waitRegistered();
    const far = await customer({ autoAnswer: true });
    const callId = await engine.call(far.aor);
    await engine.waitFor('answered', (e) => e.callId === callId);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the called party');
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'called party hears the agent');
  });

  it('a wrong password is reported as a wrong password, with the SIP status', async () => {
    const engine = await agent({ password: 'not-the-password' });
    const failed = await engine.waitFor('registration', (e) => e.status.state === 'failed');
    expect(failed.status).toMatchObject({ state: 'failed', failure: { reason: 'wrong-password', status: 403 } });
  });

  it('an unreachable server is reported as such while the phone keeps trying', async () => {
    const engine = await agent({ serverUrl: 'ws://127.0.0.1:9' });
    const connecting = await engine.waitFor(
      'registration',
      (e) => e.status.state === 'connecting' && e.status.lastFailure?.reason === 'server-unreachable',
    );
    expect(connecting.status.state).toBe('connecting');
  });
});

describe('JsSIP defects handled (each test fails on unpatched JsSIP 3.13.8)', () => {
  it('a hold re-INVITE answered 488 leaves the call up (RFC 3261 §14.1)', async () => {
    const { engine, far, callId } = await connectedCall();
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer hears the agent before the hold');
    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes before the hold');
    await far.rejectNextReinvite();
    expect(await engine.command('hold', callId)).toBeUndefined();
    const failed = await engine.waitFor('hold-failed', (e) => e.callId === callId);
    expect(failed).toMatchObject({ status: 488, resuming: false });
    expect((await engine.events()).some((e) => e.type === 'ended')).toBe(false);
    // The call goes on unheld, both ways, and a later hold works.
    await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, 'customer still hears the agent');
    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes after the 488');
    expect(await engine.command('hold', callId)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === callId);
    expect(await engine.errors()).toEqual([]);
  });

  it('an in-dialog NOTIFY without an Event header gets 400 and nothing breaks', async () => {
    const { engine, far, callId } = await connectedCall();
    expect(await far.notifyWithoutEvent()).toBe(400);
    await new Promise((r) => setTimeout(r, 500));
    expect(await engine.errors()).toEqual([]);
    expect((await engine.events()).some((e) => e.type === 'ended')).toBe(false);
    expect(await engine.command('hold', callId)).toBeUndefined();
    await engine.waitFor('held', (e) => e.callId === callId);
  });

  it("an attended transfer of a consult call we received carries Replaces with the consult party's tag as to-tag (#817, RFC 3891 §3)", async () => {
    const { engine, far: customerEnd, callId } = await connectedCall();
    const senior = await FarEndDriver.open(browser, pages, kamailio, 'senior', { displayName: 'Sam Senior', toneHz: 880 });
    opened.push(senior.page);
    await engine.command('hold', callId);
    await engine.waitFor('held', (e) => e.callId === callId);
    // The senior calls the agent back (a consult call the agent receives).
    await senior.call(engine.aor);
    const consult = await engine.waitFor('incoming', (e) => e.call.callId !== callId);
    expect(consult.waiting).toBe(true);
    await engine.answer(consult.call.callId);
    await engine.waitFor('answered', (e) => e.callId === consult.call.callId);
    const seniorDialog = (
      await eventually(
        () => senior.state(),
        (s) => s.dialog !== undefined,
        'senior dialog',
      )
    ).dialog!;

    expect(await engine.transferAttended(callId, consult.call.callId)).toBeUndefined();
    const referTo = (
      await eventually(
        () => customerEnd.state(),
        (s) => s.referTo !== undefined,
        'REFER at the customer',
      )
    ).referTo!;
    const replaces = decodeURIComponent(/[?&]Replaces=([^&>]+)/i.exec(referTo)?.[1] ?? '');
    // The senior receives the INVITE with Replaces, so to-tag must be the senior's own tag.
    expect(replaces).toBe(`${seniorDialog.callId};to-tag=${seniorDialog.localTag};from-tag=${seniorDialog.remoteTag}`);
  });
});

describe('staying registered', () => {
  it('after Kamailio stops and starts again, the engine re-registers by itself and says so', async () => {
    const own = await startKamailio();
    try {
      const engine = await EngineDriver.open(browser, pages, own);
      opened.push(engine.page);
      await engine.waitRegistered(false);
      await own.stop();
      await engine.waitFor(
        'registration',
        (e) => e.status.state === 'connecting' && e.status.lastFailure?.reason === 'server-unreachable',
      );
      await own.restart();
      await engine.waitRegistered(true);
    } finally {
      await own.stop();
    }
  });
});
