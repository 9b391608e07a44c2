import { describe, expect, it } from 'vitest';
import { findDialLink, parseDialLink } from './dial-link';

const target = (link: string) => {
  const result = parseDialLink(link);
  return result.ok ? result.value.target : `refused: ${result.error}`;
};

describe('tel: links (RFC 3966)', () => {
  it('dials a global number with the visual separators removed', () => {
    expect(target('tel:+1-201-555-0123')).toBe('+12015550123');
    expect(target('tel:+47.22.(33).44.55')).toBe('+4722334455');
    expect(target('TEL:+4722334455')).toBe('+4722334455');
    expect(target('tel:+47%2022%2033%2044%2055')).toBe('+4722334455');
    expect(target('tel:%2B31201234567')).toBe('+31201234567');
    expect(target('  tel:+31201234567 ')).toBe('+31201234567');
    expect(target('tel://+31201234567')).toBe('+31201234567');
  });

  it('dials a local number, in its global prefix context when it has one', () => {
    expect(target('tel:7042;phone-context=example.com')).toBe('7042');
    expect(target('tel:863-1234;phone-context=+1-914-555')).toBe('+19145558631234');
    expect(target('tel:911')).toBe('911');
    expect(target('tel:*21%23')).toBe('*21#');
  });

  it('keeps an extension apart from the number and ignores unknown parameters', () => {
    expect(parseDialLink('tel:+1-201-555-0123;ext=1234')).toEqual({
      ok: true,
      value: { kind: 'phone', target: '+12015550123', extension: '1234' },
    });
    expect(target('tel:+12015550123;isub=1411;foo=bar')).toBe('+12015550123');
  });

  it('refuses what is not a number', () => {
    for (const bad of [
      'tel:',
      'tel:+',
      'tel:1-800-FLOWERS',
      'tel:+1;phone-context=+1',
      'tel:123;phone-context=not a domain',
      'tel:123;ext=12a',
      'tel:123;ext=1;ext=2',
      `tel:+${'1'.repeat(40)}`,
      `tel:1234;phone-context=+${'9'.repeat(30)}`,
      'tel:+1 201 555<script>',
    ]) {
      expect(target(bad)).toMatch(/^refused/);
    }
  });
});

describe('sip: and sips: links', () => {
  it('dials user@host[:port], with the host in lower case', () => {
    expect(target('sip:alice@Example.COM')).toBe('sip:alice@example.com');
    expect(target('sips:bob@pbx.example.com:5061')).toBe('sips:bob@pbx.example.com:5061');
    expect(target('sip:+12015550123@gw.example.com;user=phone')).toBe('sip:+12015550123@gw.example.com');
    expect(target('sip:1001@192.0.2.10')).toBe('sip:1001@192.0.2.10');
    expect(target('sip:1001@[2001:db8::1]:5060')).toBe('sip:1001@[2001:db8::1]:5060');
  });

  it('drops URI parameters and headers, so a link cannot steer routing or join another call', () => {
    expect(target('sip:alice@example.com;maddr=evil.example;transport=tcp')).toBe('sip:alice@example.com');
    expect(target('sip:alice@example.com?Replaces=abc%3Bto-tag%3D1&Subject=x')).toBe('sip:alice@example.com');
  });

  it('normalises percent-encoding in the user part', () => {
    expect(target('sip:%61lice@example.com')).toBe('sip:alice@example.com');
    expect(target('sip:j%C3%B8rn@example.com')).toBe('sip:j%C3%B8rn@example.com');
  });

  it('refuses passwords, missing users, bad hosts and header injection', () => {
    for (const bad of [
      'sip:example.com',
      'sip:@example.com',
      'sip:alice:secret@example.com',
      'sip:alice@',
      'sip:alice@exa mple.com',
      'sip:alice@example.com:99999',
      'sip:alice%0d%0aVia:%20x@example.com',
      'sip:al%ZZice@example.com',
      'sip:alice\r\nVia: x@example.com',
      'sip:ali%20ce@example.com',
      'sip:a\uD800b@example.com',
    ]) {
      expect(target(bad)).toMatch(/^refused/);
    }
  });
});

describe('callto: links', () => {
  it('dials a number or an address, with or without //', () => {
    expect(target('callto:+4722334455')).toBe('+4722334455');
    expect(target('callto://+47-22-33-44-55/')).toBe('+4722334455');
    expect(target('callto:alice@example.com')).toBe('sip:alice@example.com');
    expect(target('callto://alice@example.com')).toBe('sip:alice@example.com');
  });

  it('refuses names it cannot dial', () => {
    expect(target('callto://echo123')).toBe('refused: number');
  });
});

describe('anything else', () => {
  it('is refused: other schemes, control characters, direction tricks, excessive length', () => {
    expect(target('https://evil.example/?tel:123')).toBe('refused: scheme');
    expect(target('javascript:alert(1)')).toBe('refused: scheme');
    expect(target('file:///etc/passwd')).toBe('refused: scheme');
    expect(target('telx:123')).toBe('refused: scheme');
    expect(target('tel:+1\u0000')).toBe('refused: control-characters');
    expect(target('tel:+1\u202e23')).toBe('refused: control-characters');
    expect(target(`tel:+1${'0'.repeat(600)}`)).toBe('refused: too-long');
    expect(target('tel:+1%0A2')).toBe('refused: encoding');
  });
});

describe('finding the link among launch arguments', () => {
  it('takes the first argument that is a dial link and skips switches', () => {
    expect(findDialLink(['/opt/Warmline/warmline', '--no-sandbox', 'tel:+123', 'sip:a@b.c'])).toBe('tel:+123');
    expect(findDialLink(['/usr/bin/electron', '.', '--flag=tel:1'])).toBeUndefined();
    expect(findDialLink(['warmline', 'https://x'])).toBeUndefined();
  });
});
