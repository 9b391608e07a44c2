import { describe, expect, it } from 'vitest';
import { SIP_SERVERS } from '../support/sip-servers';
import { AGENT_TONE_HZ, CUSTOMER_TONE_HZ, eventually } from './phone-engine.harness';
import { useNetBench } from './network.setup';

// Audio lost after hold/unhold is a classic softphone complaint (SIP.js #790): every resume must
// bring both directions back, however many times the agent holds.
const ROUNDS = 50;

describe.each(SIP_SERVERS)('hold and resume %s', (_name, start) => {
  const bench = useNetBench(start);

  it(`${ROUNDS} times in a row, with two-way audio after every resume`, async () => {
    const { engine, far, callId } = await bench.connectedCall();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const held = (await engine.events()).filter((e) => e.type === 'held').length;
      const resumed = (await engine.events()).filter((e) => e.type === 'resumed').length;
      expect(await engine.command('hold', callId)).toBeUndefined();
      await eventually(
        async () => (await engine.events()).filter((e) => e.type === 'held').length,
        (n) => n > held,
        `held (round ${round})`,
      );
      // Silence first, so the tone heard after resume is new audio, not what played before the hold.
      await eventually(
        () => far.hearsTone(AGENT_TONE_HZ),
        (heard) => !heard,
        `customer hears silence on hold (round ${round})`,
      );
      expect(await engine.command('resume', callId)).toBeUndefined();
      await eventually(
        async () => (await engine.events()).filter((e) => e.type === 'resumed').length,
        (n) => n > resumed,
        `resumed (round ${round})`,
      );
      await eventually(() => engine.hearsTone(callId, CUSTOMER_TONE_HZ), Boolean, `agent hears the customer (round ${round})`);
      await eventually(() => far.hearsTone(AGENT_TONE_HZ), Boolean, `customer hears the agent (round ${round})`);
    }
    expect((await engine.events()).some((e) => e.type === 'ended' || e.type === 'hold-failed')).toBe(false);
  }, 400_000);
});
