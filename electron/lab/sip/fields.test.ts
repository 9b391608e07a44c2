import { describe, expect, it } from 'vitest';
import { parseCSeq, parseNameAddr, parseVia } from './fields.js';
import { parseUri, uriUser } from './uri.js';
import { splitTopLevel } from './headers.js';

describe('SIP URI', () => {
  it('reads user, password, host, port, lower-cased parameters and headers', () => {
    const uri = parseUri('sip:al%69ce:secret@Example.COM:5070;Transport=WS;lr?Subject=hi');
    expect([uri.scheme, uri.user, uri.password, uri.host, uri.port, uri.headers]).toEqual([
      'sip',
      'al%69ce',
      'secret',
      'example.com',
      5070,
      'Subject=hi',
    ]);
    expect(uriUser(uri)).toBe('alice');
    expect([...uri.params]).toEqual([
      ['transport', 'WS'],
      ['lr', null],
    ]);
  });

  it('handles IPv6 references and refuses broken hosts and ports', () => {
    expect(parseUri('sip:[2001:db8::1]:5060').host).toBe('[2001:db8::1]');
    for (const bad of ['sip:host:99999', 'sip:[2001:db8::1', 'sip:bad_host', 'sip:user@', 'sip:a b@host', 'nocolon']) {
      expect(() => parseUri(bad), bad).toThrow();
    }
  });

  it('keeps other schemes opaque', () => {
    expect(parseUri('tel:+1-201-555-0123').scheme).toBe('tel');
  });
});

describe('header fields', () => {
  it('gives parameters after an unbracketed addr-spec to the header (RFC 3261 §20.10)', () => {
    const na = parseNameAddr('sip:bob@example.com;tag=abc');
    expect(na.uri.params.size).toBe(0);
    expect(na.params.get('tag')).toBe('abc');
  });

  it('reads token and quoted display names', () => {
    expect(parseNameAddr('Bob  Smith <sip:bob@example.com>').displayName).toBe('Bob  Smith');
    expect(parseNameAddr('"Smith, \\"Bob\\"" <sip:bob@example.com>;tag=1').displayName).toBe('Smith, "Bob"');
  });

  it('reads Via with IPv6 sent-by, port and received/rport', () => {
    const via = parseVia('SIP/2.0/WS [::1]:5066;branch=z9hG4bKx;received=127.0.0.1;rport=1234');
    expect([via.transport, via.host, via.port, via.branch, via.params.get('rport')]).toEqual([
      'WS',
      '[::1]',
      5066,
      'z9hG4bKx',
      '1234',
    ]);
    expect(() => parseVia('SIP/2.0/WS host;branch')).toThrow();
  });

  it('bounds CSeq to 2**31 - 1', () => {
    expect(parseCSeq('2147483647 INVITE').seq).toBe(2147483647);
    expect(() => parseCSeq('2147483648 INVITE')).toThrow();
  });

  it('splits lists only at top-level commas', () => {
    expect(splitTopLevel('"a,b" <sip:x@y;p=1,2>, <sip:z@w>', ',')).toEqual(['"a,b" <sip:x@y;p=1,2>', '<sip:z@w>']);
    expect(() => splitTopLevel('"open', ',')).toThrow();
  });
});
