import { describe, expect, it } from 'vitest';
// @ts-expect-error JsSIP ships no type declarations for its parser module; the test uses it as the app's UA does.
import { parseMessage } from 'jssip/lib/Parser';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { referredByContext, referredByWithContext } from './blind-context';
import { contextOf, OVERSIZED_CONTEXT } from './remote-party';

/** The INVITE a customer's phone sends after a blind REFER, as JsSIP's parser reads it off the WebSocket. */
function invite(extra: string[]): IncomingRequest {
  const text = [
    'INVITE sip:2001@warmline.test SIP/2.0',
    'Via: SIP/2.0/WS lab.invalid;branch=z9hG4bK1',
    'Max-Forwards: 69',
    'From: <sip:9001@warmline.test>;tag=a',
    'To: <sip:senior@warmline.test>',
    'Call-ID: new-call',
    'CSeq: 1 INVITE',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return (parseMessage as (data: string, ua: unknown) => unknown)(text, {}) as IncomingRequest;
}

const SEALED = `w2.${'A'.repeat(16)}.${'b-_9'.repeat(300)}`;

describe('the blind transfer context in Referred-By', () => {
  it('rides as a parameter the member reads back from the INVITE, bound to the caller it came from', () => {
    const header = referredByWithContext('sip:1001@warmline.test', SEALED);
    expect(header).toBe(`Referred-By: <sip:1001@warmline.test>;x-warmline-context=${SEALED}`);
    const read = contextOf(invite([header]), '9001');
    expect(read.contextHeader).toBe(SEALED);
    expect(read.contextReceived).toMatchObject({ sipCallId: 'new-call', caller: '9001' });
  });

  it('is found among other parameters, in any case, and only after the URI', () => {
    expect(referredByContext(`"Ana; x-warmline-context=no" <sip:1001@h>;cid=x;X-Warmline-Context=${SEALED}`)).toEqual({
      value: SEALED,
    });
    expect(referredByContext('<sip:1001@h;x-warmline-context=w2.inside.uri>')).toBeUndefined();
    expect(referredByContext(`sip:1001@h;x-warmline-context=${SEALED}`)).toEqual({ value: SEALED });
    expect(referredByContext('<sip:1001@h>')).toBeUndefined();
    expect(referredByContext(undefined)).toBeUndefined();
  });

  it('an over-long Referred-By is marked oversized, not read', () => {
    const header = `Referred-By: <sip:1001@h>;x-warmline-context=w2.${'A'.repeat(5000)}`;
    expect(contextOf(invite([header]), '9001').contextHeader).toBe(OVERSIZED_CONTEXT);
  });

  it('a consult INVITE keeps its own X-Warmline-Context; a plain Referred-By (a warm transfer) adds none', () => {
    const both = invite([`X-Warmline-Context: w2.consult.value`, `Referred-By: <sip:1001@h>;x-warmline-context=${SEALED}`]);
    expect(contextOf(both, '1001').contextHeader).toBe('w2.consult.value');
    expect(contextOf(invite(['Referred-By: <sip:1001@warmline.test>']), '9001').contextHeader).toBeUndefined();
  });

  it('refuses to build a header from a value or a URI that could break out of it', () => {
    expect(() => referredByWithContext('sip:1001@h', 'w2.a;evil=1')).toThrow(TypeError);
    expect(() => referredByWithContext('sip:1001@h>;x=y', SEALED)).toThrow(TypeError);
    expect(referredByWithContext('1001@h', SEALED)).toBe(`Referred-By: <sip:1001@h>;x-warmline-context=${SEALED}`);
  });
});
