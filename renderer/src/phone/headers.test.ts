import { NameAddrHeader } from 'jssip';
import type { NameAddrHeader as NameAddr } from 'jssip/lib/NameAddrHeader';
import { SUPERVISE_HEADER as SIGNED_HEADER } from '../../../shared/supervision/request';
import { describe, expect, it } from 'vitest';
import { cleanText, isValidDtmf, parseQueue, sipHeader, SUPERVISE_HEADER } from './headers';
import { partyOf } from './remote-party';

describe('SIP headers we send', () => {
  it('refuses CR, LF and other control characters in a value (header injection)', () => {
    expect(() => sipHeader('X-Warmline-Note', 'hello\r\nX-Evil: 1')).toThrow(TypeError);
    expect(() => sipHeader('X-Warmline-Note', 'a\nb')).toThrow(TypeError);
    expect(() => sipHeader('X-Warmline-Note', 'nul\u0000')).toThrow(TypeError);
    expect(() => sipHeader('X-Warmline-Note', 'x'.repeat(513))).toThrow(TypeError);
    expect(sipHeader('X-Warmline-Note', 'Kunde wünscht Rückruf')).toBe('X-Warmline-Note: Kunde wünscht Rückruf');
  });

  it('refuses header names that are not RFC 3261 tokens', () => {
    expect(() => sipHeader('X Evil', 'v')).toThrow(TypeError);
    expect(() => sipHeader('X-Evil:\r\nY', 'v')).toThrow(TypeError);
  });
});

describe('text from the network', () => {
  it('is cleaned of control characters and capped', () => {
    expect(cleanText('Ada\u0007 \r\n Lovelace', 64)).toBe('Ada Lovelace');
    expect(cleanText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(cleanText('   ', 10)).toBeUndefined();
    expect(cleanText(undefined, 10)).toBeUndefined();
  });

  it('drops right-to-left overrides and other bidi controls from a caller’s name before the ringing card shows it (issue 17, finding 8)', () => {
    // As the attacker sent it: the agent would read "Bank support" spelled backwards into something else.
    const from = NameAddrHeader.parse('"Bank \u202Etroppus\u202C \u2067x\u2069\u200f" <sip:9001@warmline.lab>') as NameAddr;
    expect(partyOf(from)).toMatchObject({ name: 'Bank troppus x', number: '9001' });
    expect(cleanText('\u202e\u2066', 10)).toBeUndefined();
    expect(cleanText('😀😀😀', 4)).toBe('😀…');
  });

  it('reads the queue headers when present and ignores a garbage wait', () => {
    const headers: Record<string, string> = { 'X-Warmline-Queue': 'Billing', 'X-Warmline-Queue-Wait': '42' };
    expect(parseQueue((n) => headers[n])).toEqual({ name: 'Billing', waitSeconds: 42 });
    expect(parseQueue((n) => ({ ...headers, 'X-Warmline-Queue-Wait': '-1; drop' })[n])).toEqual({ name: 'Billing' });
    expect(parseQueue(() => undefined)).toBeUndefined();
  });

  it('accepts only DTMF digits', () => {
    expect(isValidDtmf('0123456789*#ABCD,')).toBe(true);
    expect(isValidDtmf('1\r\n')).toBe(false);
    expect(isValidDtmf('')).toBe(false);
  });
});

describe('the supervision header', () => {
  it('is spelt as the signed request names it', () => {
    expect(SUPERVISE_HEADER).toBe(SIGNED_HEADER);
  });
});
