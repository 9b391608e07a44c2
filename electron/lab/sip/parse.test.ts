import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse.js';
import { getHeader, getHeaders } from './headers.js';
import { parseCSeq, parseNameAddr, parseVia } from './fields.js';
import { serialize } from './serialize.js';

const dir = join(import.meta.dirname, '../../../tests/fixtures/sip-torture');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Array<{
  name: string;
  section: string;
  expect: 'valid' | '400' | '416' | '505' | 'reject' | 'drop';
}>;
const load = (name: string): Buffer => readFileSync(join(dir, `${name}.sip`));

describe('RFC 4475 torture messages', () => {
  it.each(manifest)('$name (§$section) is $expect', ({ name, expect: expected }) => {
    const result = parseMessage(load(name));
    switch (expected) {
      case 'valid':
        expect(result.kind, result.kind === 'invalid' ? result.reason : '').toBe('message');
        break;
      case 'drop':
        expect(result.kind).toBe('invalid');
        expect(result.kind === 'invalid' && result.request).toBeFalsy();
        break;
      case 'reject':
        expect(result.kind).toBe('invalid');
        if (result.kind === 'invalid' && result.request) expect(result.status).toBe(400);
        break;
      default:
        expect(result.kind).toBe('invalid');
        expect(result.kind === 'invalid' && result.status).toBe(Number(expected));
        expect(result.kind === 'invalid' && result.request).toBeTruthy();
    }
  });

  it('reads the short tortuous INVITE field by field', () => {
    const result = parseMessage(load('wsinv'));
    if (result.kind !== 'message' || result.message.kind !== 'request') throw new Error('not a request');
    const msg = result.message;
    expect(msg.method).toBe('INVITE');
    expect(parseNameAddr(getHeader(msg, 'To')!).params.get('tag')).toBe('1918181833n');
    const from = parseNameAddr(getHeader(msg, 'From')!);
    expect(from.displayName).toBe('J Rosenberg \\"');
    expect(from.params.get('tag')).toBe('98asjd8');
    expect(parseCSeq(getHeader(msg, 'CSeq')!)).toEqual({ seq: 9, method: 'INVITE' });
    const vias = getHeaders(msg, 'Via').map(parseVia);
    expect(vias.map((v) => [v.transport, v.host, v.branch])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(getHeader(msg, 'Subject')).toBe('');
    expect(getHeader(msg, 'NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(getHeader(msg, 'UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    const contact = parseNameAddr(getHeader(msg, 'Contact')!);
    expect(contact.displayName).toBe('Quoted string ""');
    expect(contact.params.get('q')).toBe('0.33');
    expect(contact.params.has('secondparam')).toBe(true);
    expect(msg.body.length).toBe(Number(getHeader(msg, 'Content-Length')));
  });

  it('keeps only the first message of a frame holding two (dblreq)', () => {
    const result = parseMessage(load('dblreq'));
    expect(result.kind === 'message' && result.message.kind === 'request' && result.message.method).toBe('REGISTER');
    expect(result.kind === 'message' && result.message.body.length).toBe(0);
  });

  it('round-trips through serialize', () => {
    const first = parseMessage(load('esc01'));
    if (first.kind !== 'message') throw new Error('esc01 must parse');
    const again = parseMessage(serialize(first.message));
    expect(again.kind).toBe('message');
    if (again.kind === 'message') expect(again.message.headers).toEqual(first.message.headers);
  });
});

describe('limits', () => {
  const base = (extra: string[]): string =>
    [
      'OPTIONS sip:lab SIP/2.0',
      'Via: SIP/2.0/WS a.invalid;branch=z9hG4bK1',
      'From: <sip:a@lab>;tag=1',
      'To: <sip:lab>',
      'Call-ID: x',
      'CSeq: 1 OPTIONS',
      ...extra,
      '',
      '',
    ].join('\r\n');

  it('rejects too many headers with 400', () => {
    const result = parseMessage(base(Array.from({ length: 200 }, (_, i) => `X-H${i}: v`)));
    expect(result.kind === 'invalid' && result.status).toBe(400);
  });

  it('drops oversized messages unanswered', () => {
    const result = parseMessage(base([`X-Big: ${'a'.repeat(70_000)}`]));
    expect(result.kind === 'invalid' && result.request).toBeFalsy();
  });

  it('rejects an over-long header line', () => {
    expect(parseMessage(base([`X-Long: ${'a'.repeat(9000)}`])).kind).toBe('invalid');
  });

  it('treats a bare CRLF frame as a keep-alive', () => {
    expect(parseMessage('\r\n\r\n').kind).toBe('keepalive');
  });
});

describe('the checks every message passes (RFC 3261 §8.1.1), read in one pass', () => {
  const HEAD = [
    'REGISTER sip:lab SIP/2.0',
    'Via: SIP/2.0/WS a.invalid;branch=z9hG4bK1',
    'From: <sip:a@lab>;tag=1',
    'To: <sip:a@lab>',
    'Call-ID: x',
    'CSeq: 1 REGISTER',
  ];
  const message = (lines: string[], body = ''): string => `${lines.join('\r\n')}\r\n\r\n${body}`;
  const without = (name: string): string[] => HEAD.filter((l) => !l.startsWith(`${name}:`));
  const verdict = (text: string): string => {
    const r = parseMessage(text);
    return r.kind === 'invalid' ? `${r.status} ${r.reason}` : r.kind;
  };

  it('names the first problem in a fixed order: missing or duplicate From, To, Call-ID, CSeq, then Via', () => {
    expect(verdict(message(without('From')))).toBe('400 missing From');
    expect(verdict(message([...without('From'), 'To: <sip:b@lab>']))).toBe('400 missing From');
    expect(verdict(message([...HEAD, 'To: <sip:b@lab>']))).toBe('400 duplicate To');
    expect(verdict(message([...without('Call-ID'), 'CSeq: 2 REGISTER']))).toBe('400 missing Call-ID');
    expect(verdict(message([...HEAD, 'CSeq: 2 REGISTER']))).toBe('400 duplicate CSeq');
    expect(verdict(message(without('Via')))).toBe('400 missing Via');
    expect(verdict(message([...HEAD, 'CSeq: 2 REGISTER', 'Call-ID: y']))).toBe('400 duplicate Call-ID');
  });

  it('reads compact and folded headers and several Vias in one line or many', () => {
    const compact = [
      'REGISTER sip:lab SIP/2.0',
      'v: SIP/2.0/WS a.invalid;branch=z9hG4bK1, SIP/2.0/WS b.invalid;branch=z9hG4bK2',
      'Via: SIP/2.0/WS c.invalid',
      ' ;branch=z9hG4bK3',
      'f: <sip:a@lab>;tag=1',
      't: <sip:a@lab>',
      'i: x',
      'CSeq: 1 REGISTER',
      'm: <sip:a@d.invalid;transport=ws>;expires=60',
      'l: 0',
    ];
    const r = parseMessage(message(compact));
    if (r.kind !== 'message') throw new Error(verdict(message(compact)));
    expect(getHeaders(r.message, 'Via')).toEqual([
      'SIP/2.0/WS a.invalid;branch=z9hG4bK1',
      'SIP/2.0/WS b.invalid;branch=z9hG4bK2',
      'SIP/2.0/WS c.invalid ;branch=z9hG4bK3',
    ]);
    expect(getHeader(r.message, 'Contact')).toBe('<sip:a@d.invalid;transport=ws>;expires=60');
  });

  it('refuses what cannot be read with 400, checking every Via, Contact, Route and Record-Route', () => {
    expect(verdict(message([...HEAD, 'Via: SIP/2.0/WS']))).toMatch(/^400 /);
    expect(verdict(message([...HEAD, 'Contact: <sip:a@d.invalid'])).startsWith('400 ')).toBe(true);
    expect(verdict(message([...HEAD, 'Contact: *']))).toBe('message');
    expect(verdict(message([...HEAD, 'Route: <sip:lab;lr>', 'Route: <sip:lab']))).toMatch(/^400 /);
    expect(verdict(message([...HEAD, 'Record-Route: junk <']))).toMatch(/^400 /);
    expect(verdict(message([...HEAD, 'Max-Forwards: 256']))).toMatch(/^400 /);
    expect(verdict(message([...HEAD, 'Expires: -1']))).toMatch(/^400 /);
    expect(verdict(message(HEAD.map((l) => (l.startsWith('Call-ID') ? 'Call-ID: a b' : l))))).toBe('400 bad Call-ID');
    expect(verdict(message(HEAD.map((l) => (l.startsWith('CSeq') ? 'CSeq: 1 INVITE' : l))))).toBe(
      '400 CSeq method does not match',
    );
  });

  it('takes Content-Length once, repeated only with the same value, and cuts the body to it', () => {
    expect(verdict(message([...HEAD, 'Content-Length: 2', 'Content-Length: 3'], 'abc'))).toBe('400 conflicting Content-Length');
    const same = parseMessage(message([...HEAD, 'Content-Length: 2', 'l:  2 '], 'abc'));
    expect(same.kind === 'message' && same.message.body.toString()).toBe('ab');
    expect(verdict(message([...HEAD, 'Content-Length: 4'], 'abc'))).toBe('400 body shorter than Content-Length');
  });
});
