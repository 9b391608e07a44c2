import { describe, expect, it } from 'vitest';
import type { Baresip } from '../support/baresip';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, type EngineDriver, eventually, rising } from './phone-engine.harness';
import { usePstnBench } from './phone-pstn.setup';
import { findTone, readWav, type ToneReport } from './phone-pstn.wav';
import type { CallId } from '../../renderer/src/phone';

// A customer on the telephone network: baresip, plain SIP over UDP and RTP/AVP, no ICE, no
// crypto. The agent: the phone engine in Chromium, SIP over WebSocket and WebRTC media.
// Kamailio has rtpengine translate between the two, as a carrier's gateway would need.
const bench = usePstnBench();

/** What the customer heard: the agent's tone in baresip's recording of the decoded call. */
async function customerHears(customer: Baresip, frequency: number): Promise<ToneReport> {
  const wav = customer.heardWav();
  if (!wav) return { blocks: 0, toneBlocks: 0, peakDb: -200 };
  return findTone(readWav(wav), frequency, 2);
}

const mostlyTone = (report: ToneReport): boolean => report.blocks >= 10 && report.toneBlocks >= report.blocks * 0.8;

async function answeredCallFrom(
  customer: Baresip,
  engine: EngineDriver,
): Promise<{ callId: CallId; baresipCallId: string | undefined }> {
  await customer.dial(engine.aor);
  const incoming = await engine.waitFor('incoming');
  expect(incoming.call.direction).toBe('inbound');
  expect(incoming.call.remote.number).toBe(customer.user);
  const callId = incoming.call.callId;
  expect(await engine.answer(callId)).toBeUndefined();
  await engine.waitFor('answered', (e) => e.callId === callId);
  const established = await eventually(
    async () => customer.events.find((e) => e.type === 'CALL_ESTABLISHED'),
    (e) => e !== undefined,
    'baresip CALL_ESTABLISHED',
  );
  return { callId, baresipCallId: established?.id };
}

describe('a customer calling from the telephone network (baresip over UDP, rtpengine bridging)', () => {
  it('the agent answers and both hear each other', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered(false);
    await engine.setAvailable(true);
    const customer = await bench.customer();
    const { callId } = await answeredCallFrom(customer, engine);

    await rising(() => engine.inboundBytes(callId), 'agent inbound-rtp bytes');
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer tone');
    await eventually(() => customerHears(customer, AGENT_TONE_HZ), mostlyTone, 'customer hears the agent tone');
    // Not a loop-back: what each side hears is the other side's tone, not its own.
    expect(await engine.hearsTone(callId, AGENT_TONE_HZ)).toBe(false);
    expect((await customerHears(customer, CUSTOMER_TONE_HZ)).toneBlocks).toBe(0);
    expect(await engine.errors()).toEqual([]);
  });

  it('DTMF from the agent (RFC 4733) reaches a G.711 customer in order', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const customer = await bench.customer({ codecs: ['pcmu'] });
    const { callId } = await answeredCallFrom(customer, engine);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'media up before the digits');

    expect(await engine.sendDtmf(callId, '1597#*0', 'rfc4733')).toBeUndefined();
    await eventually(
      async () => customer.receivedDigits(),
      (digits) => digits === '1597#*0',
      'baresip received 1597#*0 as telephone-events',
    );
  });

  // Known defect, kept as a test so a fix shows up: with Opus/48000 and only
  // telephone-event/8000 negotiated (what a plain SIP peer offers), Chromium sends each digit
  // as three end packets (E bit set, duration already 960) and no start packets; captured on
  // loopback at the customer's port, in order and complete. baresip 1.0.0 reports an event
  // only on a start packet or on the first end after one, so it sees the first digit only.
  // With PCMU (above) Chromium sends start, continuation and end packets and all digits arrive.
  it.fails('DTMF over an Opus call reaches the customer in order (Chromium sends end packets only)', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const customer = await bench.customer({ codecs: ['opus/48000/2', 'pcmu'] });
    const { callId } = await answeredCallFrom(customer, engine);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'media up before the digits');
    expect(await engine.sendDtmf(callId, '1597', 'rfc4733')).toBeUndefined();
    await eventually(
      async () => customer.receivedDigits(),
      (digits) => digits === '1597',
      'baresip received 1597 as telephone-events',
      10_000,
    );
  });

  it('the agent hangs up and the customer call ends', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const customer = await bench.customer();
    const { callId, baresipCallId } = await answeredCallFrom(customer, engine);

    expect(await engine.command('hangup', callId)).toBeUndefined();
    expect(await engine.waitFor('ended', (e) => e.callId === callId)).toMatchObject({ cause: 'hangup', by: 'local' });
    await eventually(
      async () => customer.events.find((e) => e.type === 'CALL_CLOSED' && e.id === baresipCallId),
      (e) => e !== undefined,
      'baresip CALL_CLOSED',
    );
  });

  it('the customer hangs up and the agent is told', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const customer = await bench.customer();
    const { callId } = await answeredCallFrom(customer, engine);

    await customer.hangup();
    expect(await engine.waitFor('ended', (e) => e.callId === callId)).toMatchObject({ cause: 'hangup', by: 'remote' });
  });
});

describe('codecs and directions: transcoding only where needed, the agent calling out', () => {
  it('a customer whose gateway speaks only GSM is transcoded to PCMU and both hear each other', async () => {
    const engine = await bench.agent();
    await engine.waitRegistered();
    await engine.setAvailable(true);
    const customer = await bench.customer({ codecs: ['gsm'] });
    const { callId } = await answeredCallFrom(customer, engine);
    await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the customer tone');
    await eventually(() => customerHears(customer, AGENT_TONE_HZ), mostlyTone, 'customer hears the agent tone');
  });

  // Outbound the browser's offer (Opus, G.722, PCMU, PCMA...) is passed on: a G.711 gateway
  // picks PCMU without transcoding. (A gateway with none of the browser's codecs answers 488:
  // rtpengine adds only the codecs named in codec-transcode-*, here PCMU.)
  for (const codecs of [['opus/48000/2', 'pcmu'], ['pcmu']]) {
    it(`the agent dials a telephone-network customer (${codecs.join(', ')}) and both hear each other`, async () => {
      const engine = await bench.agent();
      await engine.waitRegistered();
      const customer = await bench.customer({ autoAnswer: true, codecs });
      const callId = await engine.call(customer.aor);
      await engine.waitFor('answered', (e) => e.callId === callId);
      await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, 'agent hears the called customer');
      await eventually(() => customerHears(customer, AGENT_TONE_HZ), mostlyTone, 'called customer hears the agent');
      expect(await engine.command('hangup', callId)).toBeUndefined();
      await eventually(
        async () => customer.events.some((e) => e.type === 'CALL_CLOSED'),
        Boolean,
        'the called customer sees the BYE',
      );
    });
  }
});
