import { describe, expect, it } from 'vitest';
import { normaliseDialString } from './normalise';

describe('dial pad input', () => {
  it.each([
    ['+31 (0)20 123 4567', 'NL', '+31201234567'],
    ['020-123 45 67', 'NL', '+31201234567'],
    ['0031 20 1234567', 'NL', '+31201234567'],
    ['(415) 555-0132', 'US', '+14155550132'],
    ['+45 33 12 34 56', undefined, '+4533123456'],
    ['0917 123 4567', 'PH', '+639171234567'],
    ['22 22 22 22', 'NO', '+4722222222'],
  ])('turns %s (default country %s) into %s', (input, country, e164) => {
    expect(normaliseDialString(input, country)).toEqual({ ok: true, value: { kind: 'e164', number: e164 } });
  });

  it.each(['1001', '*31', '#', '2001'])('dials the extension or feature code %s as typed', (input) => {
    expect(normaliseDialString(input, 'NL')).toEqual({ ok: true, value: { kind: 'extension', digits: input } });
  });

  it('keeps a SIP address', () => {
    expect(normaliseDialString(' sip:2001@lab.warmline.test ', 'NL')).toEqual({
      ok: true,
      value: { kind: 'sip-uri', uri: 'sip:2001@lab.warmline.test' },
    });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1'.repeat(200), 'too-long'],
    ['123\r\nVia: x', 'invalid-characters'],
    ['call me maybe', 'invalid-characters'],
    ['sip:bad uri@x', 'invalid-characters'],
    ['+1 23', 'invalid-number'],
  ])('refuses %j with %s', (input, error) => {
    expect(normaliseDialString(input, 'NL')).toEqual({ ok: false, error });
  });
});
