import { describe, expect, it } from 'vitest';
// @ts-expect-error JsSIP ships no type declarations for its parser module; the test uses it as the app's UA does.
import { parseMessage } from 'jssip/lib/Parser';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { remotePartyOf } from './remote-party';

/** An INVITE as JsSIP's own parser reads it off the WebSocket. */
function invite(from: string, extra: string[] = []): IncomingRequest {
  const text = [
    'INVITE sip:agent1@warmline.test SIP/2.0',
    'Via: SIP/2.0/WS lab.invalid;branch=z9hG4bK1',
    'Max-Forwards: 69',
    `From: ${from};tag=a`,
    'To: <sip:agent1@warmline.test>',
    'Call-ID: c1',
    'CSeq: 1 INVITE',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return (parseMessage as (data: string, ua: unknown) => unknown)(text, {}) as IncomingRequest;
}

describe('remotePartyOf (issue 17, finding 3)', () => {
  it('shows the identity the server asserted, not the From the caller wrote', () => {
    const party = remotePartyOf(
      invite('"CEO" <sip:ceo@bank.example>', ['P-Asserted-Identity: "Customer line 9001" <sip:9001@warmline.test>']),
      'warmline.test',
    );
    expect(party).toEqual({ name: 'Customer line 9001', number: '9001', uri: 'sip:9001@warmline.test' });
  });

  it('marks a From of another domain without an assertion as unverified', () => {
    expect(remotePartyOf(invite('"CEO" <sip:ceo@bank.example>'), 'warmline.test')).toEqual({
      name: 'CEO',
      number: 'ceo',
      uri: 'sip:ceo@bank.example',
      unverified: true,
    });
  });

  it('does not mark a From of our own domain (vouching for those is our server’s job)', () => {
    expect(remotePartyOf(invite('<sip:31201234567@Warmline.test>'), 'warmline.test:5060').unverified).toBeUndefined();
  });
});
