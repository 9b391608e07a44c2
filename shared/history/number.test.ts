import { describe, expect, it } from 'vitest';
import { customerKeyForNumber, customerKeyForReference } from './number';
import { normaliseRemoteNumber } from './remote-number';

describe('the caller number history stores', () => {
  it('takes the user part of a SIP URI and writes it as E.164', () => {
    expect(normaliseRemoteNumber('sip:+31%2020%20555%200123@pbx.example;user=phone')).toBe('+31205550123');
    expect(normaliseRemoteNumber('sips:+15551234567@pbx.example')).toBe('+15551234567');
  });

  it('reads national numbers with the agent’s default country, and 00 as +', () => {
    expect(normaliseRemoteNumber('020 555 0123', 'NL')).toBe('+31205550123');
    expect(normaliseRemoteNumber('0031 20 555 0123')).toBe('+31205550123');
  });

  it('keeps extensions as dialled and odd user parts as they came, without controls', () => {
    expect(normaliseRemoteNumber('sip:1001@lab.local')).toBe('1001');
    expect(normaliseRemoteNumber('sip:anonymous@anonymous.invalid')).toBe('anonymous');
    expect(normaliseRemoteNumber('bad\u0000 name')).toBe('badname');
    expect(normaliseRemoteNumber('x'.repeat(300))).toHaveLength(64);
  });

  it('keys a customer by number or by account reference, never by a name', () => {
    expect(customerKeyForNumber('+31205550123')).toBe('tel:+31205550123');
    expect(customerKeyForNumber('1001')).toBe('tel:1001');
    expect(customerKeyForNumber('anonymous')).toBeUndefined();
    expect(customerKeyForNumber('')).toBeUndefined();
    expect(customerKeyForReference('  ACME-42 ')).toBe('ref:ACME-42');
    expect(customerKeyForReference('')).toBeUndefined();
    expect(customerKeyForReference('x'.repeat(65))).toBeUndefined();
  });
});
