import { describe, expect, it } from 'vitest';
import { encodeEscalationContext } from '../../../shared/escalation';
import { dana, sealTo, TEAM_KEY } from '../../../shared/escalation/escalation.fixtures';
import { OVERSIZED_CONTEXT } from '../phone';
import { decodeReceivedContext } from './received-context';

const host = { getTeamKey: async () => ({ ok: true, value: TEAM_KEY }) as const };

describe('a received context, with the decoder fetched on first use', () => {
  it('every reader shares one replay guard: the card, wrap-up and history of one call agree, a second call is a replay', async () => {
    const customer = '+15551234';
    const now = sealTo.now;
    const encoded = await encodeEscalationContext(dana, TEAM_KEY, { binding: { kind: 'blind', customer }, now });
    if (!encoded.ok) throw new Error('encode failed');
    const header = encoded.value.header;
    const first = { sipCallId: 'first-call', caller: customer, at: now + 5_000 };
    const [card, wrapUp] = await Promise.all([
      decodeReceivedContext(header, first, host),
      decodeReceivedContext(header, first, host),
    ]);
    const history = await decodeReceivedContext(header, first, host);
    expect([card.status, wrapUp.status, history.status]).toEqual(['verified', 'verified', 'verified']);
    const second = await decodeReceivedContext(header, { ...first, sipCallId: 'second-call', at: now + 60_000 }, host);
    expect(second).toMatchObject({ status: 'not-valid', why: 'replayed' });
  });

  it('an oversized header is unreadable without fetching anything', async () => {
    const noKey = { getTeamKey: () => Promise.reject(new Error('not asked')) };
    expect(await decodeReceivedContext(OVERSIZED_CONTEXT, undefined, noKey)).toEqual({ status: 'unreadable', why: 'oversized' });
  });
});
