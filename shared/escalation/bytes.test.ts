import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  base64urlLength,
  hexDecode,
  hexEncode,
  utf8Decode,
  utf8Encode,
  utf8Length,
} from './bytes';

// Node's Buffer, TextEncoder and TextDecoder are the oracles here; the code under test may not use them.
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('UTF-8', () => {
  it('encodes and decodes any well-formed text as the platform does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const encoded = utf8Encode(s);
        expect(encoded).toEqual(new TextEncoder().encode(s));
        expect(utf8Length(s)).toBe(encoded.length);
        expect(utf8Decode(encoded)).toBe(s);
      }),
    );
  });

  it('encodes a lone surrogate as U+FFFD, as TextEncoder does', () => {
    expect(utf8Encode('a\ud800b')).toEqual(new TextEncoder().encode('a\ud800b'));
    expect(utf8Length('\udc00')).toBe(3);
  });

  it('counts the bytes of every width', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('ø')).toBe(2);
    expect(utf8Length('中')).toBe(3);
    expect(utf8Length('🫐')).toBe(4);
  });

  it.each([
    ['a lone continuation byte', bytes(0x80)],
    ['an overlong slash', bytes(0xc0, 0xaf)],
    ['an overlong three-byte NUL', bytes(0xe0, 0x80, 0x80)],
    ['an encoded surrogate', bytes(0xed, 0xa0, 0x80)],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80)],
    ['a sequence cut short', bytes(0x61, 0xe2, 0x82)],
    ['a lead byte where a continuation belongs', bytes(0xe2, 0x41, 0x80)],
    ['an invalid lead byte', bytes(0xff)],
  ])('refuses %s', (_name, input) => {
    expect(utf8Decode(input)).toBeUndefined();
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(input)).toThrow();
  });

  it('decodes long text without overflowing the stack', () => {
    const long = '日本語'.repeat(40_000);
    expect(utf8Decode(utf8Encode(long))).toBe(long);
  });
});

describe('base64url and base64', () => {
  it('match RFC 4648 test vectors', () => {
    const vectors: [string, string, string][] = [
      ['', '', ''],
      ['f', 'Zg', 'Zg=='],
      ['fo', 'Zm8', 'Zm8='],
      ['foo', 'Zm9v', 'Zm9v'],
      ['foob', 'Zm9vYg', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy', 'Zm9vYmFy'],
    ];
    for (const [plain, url, std] of vectors) {
      expect(base64urlEncode(utf8Encode(plain))).toBe(url);
      expect(base64Encode(utf8Encode(plain))).toBe(std);
      expect(base64urlDecode(url)).toEqual(utf8Encode(plain));
      expect(base64Decode(std)).toEqual(utf8Encode(plain));
    }
  });

  it('round-trip any bytes, agreeing with Buffer, in the URL-safe alphabet only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const url = base64urlEncode(b);
        expect(url).toBe(Buffer.from(b).toString('base64url'));
        expect(url).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(url.length).toBe(base64urlLength(b.length));
        expect(base64urlDecode(url)).toEqual(b);
        const std = base64Encode(b);
        expect(std).toBe(Buffer.from(b).toString('base64'));
        expect(base64Decode(std)).toEqual(b);
      }),
    );
  });

  it.each([
    ['a character outside the alphabet', 'Zm9v!'],
    ['standard-alphabet characters', 'ab+/'],
    ['padding', 'Zg=='],
    ['an impossible length', 'Zm9vY'],
    ['non-zero leftover bits (a second spelling of "f")', 'Zh'],
    ['whitespace', 'Zm9v Yg'],
  ])('base64url refuses %s', (_name, text) => expect(base64urlDecode(text)).toBeUndefined());

  it.each([
    ['a missing pad', 'Zg='],
    ['too much padding', 'Z==='],
    ['padding in the middle', 'Zg==Zg=='],
    ['URL-safe characters', 'ab-_'],
  ])('base64 refuses %s', (_name, text) => expect(base64Decode(text)).toBeUndefined());
});

describe('hex', () => {
  it('round-trips any bytes in lower case and reads upper case too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const hex = hexEncode(b);
        expect(hex).toBe(Buffer.from(b).toString('hex'));
        expect(hexDecode(hex)).toEqual(b);
        expect(hexDecode(hex.toUpperCase())).toEqual(b);
      }),
    );
  });

  it.each(['abc', '0g', '0x00', ' 00'])('refuses %j', (text) => expect(hexDecode(text)).toBeUndefined());
});
