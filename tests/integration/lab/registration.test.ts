import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LabServer } from '../../../electron/lab/server.js';
import { getHeader, getHeaders } from '../../../electron/lab/sip/headers.js';
import { parseDigestCredentials } from '../../../electron/lab/auth/digest.js';
import { DOMAIN, RawClient } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab, until } from './helpers/lab.js';
import { sipjsAgent } from './helpers/sipjs.js';

let lab: LabServer;
beforeAll(async () => {
  lab = await startTestLab();
});
afterAll(() => lab.close());

const registrations = (): Array<{ user: string; contact: string }> => lab.registrations();

describe('registrar', () => {
  it('challenges a REGISTER without credentials (MD5, qop=auth, realm = domain)', async () => {
    const c = await RawClient.connect(lab.url, '1001');
    const req = c.request({
      method: 'REGISTER',
      uri: `sip:${DOMAIN}`,
      to: `<sip:1001@${DOMAIN}>`,
      from: `<sip:1001@${DOMAIN}>;tag=x`,
    });
    const resp = await c.response(req);
    expect(resp.status).toBe(401);
    const challenges = getHeaders(resp, 'WWW-Authenticate').map((v) => parseDigestCredentials(v)!);
    expect(challenges.map((ch) => ch.get('algorithm'))).toEqual(['MD5']);
    expect(challenges[0]!.get('qop')).toBe('auth');
    expect(challenges[0]!.get('realm')).toBe(DOMAIN);
    await c.close();
  });

  it('registers an agent with the right password and drops the binding when its socket closes', async () => {
    const c = await RawClient.connect(lab.url, '1001');
    const { response } = await c.register(PASSWORDS['1001']!);
    expect(response.status).toBe(200);
    expect(getHeader(response, 'Contact')).toMatch(new RegExp(`${c.contactHost}.*;expires=300`));
    expect(registrations().some((r) => r.user === '1001' && r.contact.includes(c.contactHost))).toBe(true);
    await c.close();
    await until(() => !registrations().some((r) => r.contact.includes(c.contactHost)), 5_000, 'binding dropped');
  });

  it("refuses a wrong password with a fresh challenge, and another user's AOR with 403", async () => {
    const c = await RawClient.connect(lab.url, '1002');
    expect((await c.register('wrong-password')).response.status).toBe(401);
    const impostor = await RawClient.connect(lab.url, '1003');
    const aor = `sip:1002@${DOMAIN}`;
    const { response } = await impostor.authed(
      { method: 'REGISTER', uri: `sip:${DOMAIN}`, to: `<${aor}>`, from: `<${aor}>;tag=1` },
      PASSWORDS['1003']!,
    );
    expect(response.status).toBe(403);
    await Promise.all([c.close(), impostor.close()]);
  });

  it('refuses too-brief expiry with 423 and Min-Expires', async () => {
    const c = await RawClient.connect(lab.url, '1003');
    const { response } = await c.register(PASSWORDS['1003']!, 2);
    expect(response.status).toBe(423);
    expect(getHeader(response, 'Min-Expires')).toBe('10');
    await c.close();
  });

  it('caps registrations per account', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => RawClient.connect(lab.url, '3001')));
    const statuses = [];
    for (const c of clients) statuses.push((await c.register(PASSWORDS['3001']!)).response.status);
    expect(statuses).toEqual([200, 200, 200, 403]);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('unregisters with Expires: 0', async () => {
    const c = await RawClient.connect(lab.url, '2001');
    await c.register(PASSWORDS['2001']!);
    expect((await c.register(PASSWORDS['2001']!, 0)).response.status).toBe(200);
    expect(registrations().some((r) => r.contact.includes(c.contactHost))).toBe(false);
    await c.close();
  });

  it('refuses a WebSocket that does not offer the sip subprotocol (RFC 7118)', async () => {
    const ws = new WebSocket(lab.url);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(1002);
  });

  it('registers SIP.js, the independent far end, and rejects it with a bad password', async () => {
    const good = await sipjsAgent(lab.url, '1002', PASSWORDS['1002']!);
    await good.register();
    expect(registrations().some((r) => r.user === '1002')).toBe(true);
    const bad = await sipjsAgent(lab.url, '1003', 'not-the-password');
    await expect(bad.register()).rejects.toThrow(/401/);
    await Promise.all([good.stop(), bad.stop()]);
  });
});
