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

  it('knows which account is on which connection as bindings move, expire and close', () => {
    let now = 0;
    const two = parseLabConfig({
      domain: 'lab.test',
      registration: { minExpires: 10, defaultExpires: 60, maxExpires: 120, maxBindingsPerAccount: 2 },
      accounts: [
        { user: '1001', password: 'pw-1001' },
        { user: '1002', password: 'pw-1002' },
      ],
    });
    const r = new Registrar(two, () => now);
    const as1002 = (contact: string, expires: number): SipRequest => {
      const req = register([contact], expires);
      req.headers = req.headers.map((h) => (h.name === 'To' ? { name: 'To', value: '<sip:1002@lab.test>' } : h));
      return req;
    };
    r.register(register(['<sip:a@x.invalid>'], 60), 1, '1001');
    r.register(as1002('<sip:b@y.invalid>', 30), 2, '1002');
    expect(r.userOfConnection(1)).toBe('1001');
    expect(r.phoneOnConnection(2)).toEqual({ user: '1002', contacts: ['sip:b@y.invalid:'] });
    // The same phone re-registers from a new connection (it moved networks): the old connection holds nothing.
    r.register(register(['<sip:a@x.invalid>'], 60), 3, '1001');
    expect(r.userOfConnection(1)).toBeNull();
    expect(r.userOfConnection(3)).toBe('1001');
    r.dropConnection(1);
    expect(r.isRegistered('1001')).toBe(true);
    r.dropConnection(3);
    expect(r.isRegistered('1001')).toBe(false);
    // An expired binding is on no connection; registering again puts it back.
    now = 31_000;
    expect(r.phoneOnConnection(2)).toBeNull();
    r.register(as1002('<sip:b@y.invalid>', 30), 2, '1002');
    expect(r.userOfConnection(2)).toBe('1002');
  });
});
