import { describe, expect, it } from 'vitest';
import { addReceived } from '../proxy/message-edits';
import { serverTxnKey } from '../proxy/transactions';
import type { Connection } from '../transport';
import { createResponse } from './build';
import { parseVia } from './fields';
import type { SipRequest } from './types';

function request(headers: Array<[string, string]>, method = 'REGISTER'): SipRequest {
  return {
    kind: 'request',
    method,
    uri: 'sip:lab.test',
    body: Buffer.alloc(0),
    headers: headers.map(([name, value]) => ({ name, value })),
  };
}

const REGISTER: Array<[string, string]> = [
  ['Via', 'SIP/2.0/WS a.invalid;branch=z9hG4bK1'],
  ['Via', 'SIP/2.0/WS b.invalid;branch=z9hG4bK2'],
  ['Max-Forwards', '70'],
  ['To', '<sip:1001@lab.test>'],
  ['From', '<sip:1001@lab.test>;tag=f1'],
  ['Call-ID', 'call-1'],
  ['CSeq', '7 REGISTER'],
  ['Contact', '<sip:1001@c.invalid;transport=ws>'],
];

describe('createResponse (RFC 3261 §8.2.6)', () => {
  it('copies every Via in order and From, To, Call-ID, CSeq in that order, then the extra headers and Server', () => {
    const resp = createResponse(request(REGISTER), 401, {
      toTag: 't9',
      headers: [{ name: 'WWW-Authenticate', value: 'Digest realm="lab.test"' }],
    });
    expect(resp).toMatchObject({ kind: 'response', status: 401, reason: 'Unauthorized' });
    expect(resp.headers).toEqual([
      { name: 'Via', value: 'SIP/2.0/WS a.invalid;branch=z9hG4bK1' },
      { name: 'Via', value: 'SIP/2.0/WS b.invalid;branch=z9hG4bK2' },
      { name: 'From', value: '<sip:1001@lab.test>;tag=f1' },
      { name: 'To', value: '<sip:1001@lab.test>;tag=t9' },
      { name: 'Call-ID', value: 'call-1' },
      { name: 'CSeq', value: '7 REGISTER' },
      { name: 'WWW-Authenticate', value: 'Digest realm="lab.test"' },
      { name: 'Server', value: 'Warmline-Lab' },
    ]);
  });

  it('adds a To tag only beyond 100 and only when the request has none', () => {
    const to = (status: number, value: string): string | undefined =>
      createResponse(request([['To', value]]), status, { toTag: 'x' }).headers.find((h) => h.name === 'To')?.value;
    expect(to(100, '<sip:a@b>')).toBe('<sip:a@b>');
    expect(to(180, '<sip:a@b>')).toBe('<sip:a@b>;tag=x');
    expect(to(200, '<sip:a@b>;tag=mine')).toBe('<sip:a@b>;tag=mine');
    expect(to(200, '<sip:a@b> ; TAG = mine')).toBe('<sip:a@b> ; TAG = mine');
    expect(to(486, '<sip:a@b>')).toBe('<sip:a@b>;tag=x');
  });

  it('answers a salvaged request that lacks headers with what it has, and takes the first of duplicates', () => {
    const resp = createResponse(
      request([
        ['CSeq', '1 OPTIONS'],
        ['CSeq', '2 OPTIONS'],
        ['Call-ID', 'only'],
      ]),
      400,
    );
    expect(resp.headers.map((h) => `${h.name}: ${h.value}`)).toEqual([
      'Call-ID: only',
      'CSeq: 1 OPTIONS',
      'Server: Warmline-Lab',
    ]);
  });
});

describe('the top Via, read once per request', () => {
  it('gives each Via text its own parse, also when a text comes back after another', () => {
    const a = 'SIP/2.0/WS a.invalid:5060;branch=z9hG4bKa';
    const b = 'SIP/2.0/WS b.invalid;branch=z9hG4bKb;rport';
    expect([parseVia(a).host, parseVia(a).port, parseVia(b).host, parseVia(a).branch, parseVia(b).params.has('rport')]).toEqual([
      'a.invalid',
      5060,
      'b.invalid',
      'z9hG4bKa',
      true,
    ]);
    expect(() => parseVia('SIP/2.0/WS')).toThrow(SyntaxError);
    expect(() => parseVia('SIP/2.0/WS')).toThrow(SyntaxError); // a failure is not remembered as a result
  });

  it('keys the server transaction the same before and after received= and rport= are recorded', () => {
    const req = request([['Via', 'SIP/2.0/WS c.invalid;branch=z9hG4bKk;rport'], ...REGISTER.slice(2)]);
    const before = serverTxnKey(req);
    addReceived(req, { remote: '::ffff:127.0.0.1', remotePort: 40_001 } as Connection);
    expect(req.headers[0]!.value).toBe('SIP/2.0/WS c.invalid;branch=z9hG4bKk;rport=40001;received=127.0.0.1');
    expect(serverTxnKey(req)).toBe(before);
    expect(before).toBe('z9hG4bKk|c.invalid:|REGISTER');
  });
});
