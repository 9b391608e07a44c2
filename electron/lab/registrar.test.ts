import { describe, expect, it } from 'vitest';
import { parseLabConfig } from './config.js';
import { Registrar } from './registrar.js';
import { parseMessage } from './sip/parse.js';
import { getHeaders } from './sip/headers.js';
import type { SipRequest } from './sip/types.js';

const config = parseLabConfig({
  domain: 'lab.test',
  registration: { minExpires: 10, defaultExpires: 60, maxExpires: 120, maxBindingsPerAccount: 2 },
  accounts: [{ user: '1001', password: 'pw-1001' }],
});

function register(contacts: string[], expires?: number): SipRequest {
  const lines = [
    'REGISTER sip:lab.test SIP/2.0',
    'Via: SIP/2.0/WS a.invalid;branch=z9hG4bK1',
    'From: <sip:1001@lab.test>;tag=1',
    'To: <sip:1001@lab.test>',
    'Call-ID: reg1',
    'CSeq: 1 REGISTER',
    ...contacts.map((c) => `Contact: ${c}`),
    ...(expires === undefined ? [] : [`Expires: ${expires}`]),
    '',
    '',
  ];
  const parsed = parseMessage(lines.join('\r\n'));
  if (parsed.kind !== 'message' || parsed.message.kind !== 'request') throw new Error('bad fixture');
  return parsed.message;
}

describe('registrar', () => {
  it('expires bindings on the clock, clamps to maxExpires, and refreshes in place', () => {
    let now = 0;
    const r = new Registrar(config, () => now);
    const resp = r.register(register(['<sip:a@x.invalid;transport=ws>;+sip.instance="<urn:uuid:1>";reg-id=1'], 500), 7, '1001');
    expect(resp.status).toBe(200);
    expect(getHeaders(resp, 'Contact')).toEqual([
      '<sip:a@x.invalid;transport=ws>;+sip.instance="<urn:uuid:1>";reg-id=1;expires=120',
    ]);
    now = 119_000;
    expect(r.lookup('1001')).toHaveLength(1);
    r.register(register(['<sip:a@x.invalid;transport=ws>'], 30), 8, '1001');
    expect(r.lookup('1001').map((b) => b.connId)).toEqual([8]);
    now = 148_500;
    expect(r.isRegistered('1001')).toBe(true);
    now = 149_001;
    expect(r.isRegistered('1001')).toBe(false);
  });

  it('uses the default expiry, handles the * wildcard and drops bindings of a closed connection', () => {
    const r = new Registrar(config, () => 0);
    r.register(register(['<sip:a@x.invalid>']), 1, '1001');
    r.register(register(['<sip:b@y.invalid>']), 2, '1001');
    expect(r.lookup('1001')).toHaveLength(2);
    expect(r.register(register(['<sip:c@z.invalid>']), 3, '1001').status).toBe(403);
    r.dropConnection(2);
    expect(r.lookup('1001').map((b) => b.contact.uri.host)).toEqual(['x.invalid']);
    expect(r.register(register(['*'], 60), 1, '1001').status).toBe(400);
    expect(r.register(register(['*'], 0), 1, '1001').status).toBe(200);
    expect(r.isRegistered('1001')).toBe(false);
  });
});
