/**
 * Issue 17, findings 1–6: the attacks on the lab server as they were reported, with raw WebSocket clients, kept
 * in the suite so they keep failing to do harm.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../../electron/lab/server.js';
import { digestResponse, parseDigestCredentials } from '../../../electron/lab/auth/digest.js';
import { getHeader, getHeaders } from '../../../electron/lab/sip/headers.js';
import type { SipRequest, SipResponse } from '../../../electron/lab/sip/types.js';
import { DOMAIN, RawClient } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab, until } from './helpers/lab.js';

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

const events: Array<Record<string, unknown>> = [];
let lab: LabServer;
const open: RawClient[] = [];
const labs: LabServer[] = [];
beforeAll(async () => {
  lab = await startTestLab({}, (e) => void events.push(e));
});
afterAll(() => lab.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function connect(user: string, url = lab.url): Promise<RawClient> {
  const c = await RawClient.connect(url, user);
  open.push(c);
  return c;
}

async function registered(user: string, url = lab.url): Promise<RawClient> {
  const c = await connect(user, url);
  expect((await c.register(PASSWORDS[user]!)).response.status).toBe(200);
  return c;
}

/** `request` with its Contact replaced: an attacker announces someone else's. */
function withContact(req: SipRequest, contact: string): SipRequest {
  req.headers = req.headers.map((h) => (h.name === 'Contact' ? { name: 'Contact', value: contact } : h));
  return req;
}

const contactUri = (c: RawClient): string => /<([^>]+)>/.exec(c.contact)![1]!;

/** The customer calls `agent`, the agent answers: the customer's INVITE and the 200 it got. */
async function answeredCall(customer: RawClient, agent: RawClient): Promise<{ invite: SipRequest; answer: SipResponse }> {
  const invite = await customer.sendAuthed(
    { method: 'INVITE', uri: `sip:${agent.user}@${DOMAIN}`, body: SDP, contentType: 'application/sdp' },
    PASSWORDS[customer.user]!,
  );
  const incoming = await agent.nextRequest('INVITE');
  agent.reply(incoming, 200, { toTag: 'agent', body: SDP });
  const answer = await customer.response(invite, 200);
  customer.inDialog('ACK', invite, answer, false, 2);
  await agent.nextRequest('ACK');
  return { invite, answer };
}

describe('finding 1: Contacts recorded before authentication', () => {
  it('GET /status shows no Contact, and an unauthenticated OPTIONS with the agent’s Contact does not steal its BYE', async () => {
    const agent = await registered('1001');
    const status = await (await fetch(`${lab.url.replace('ws:', 'http:')}/status`)).text();
    expect(status).toContain('"user":"1001"');
    expect(status).not.toContain(agent.contactHost);
    const customer = await connect('9001');
    const { invite, answer } = await answeredCall(customer, agent);

    // The attacker has the Contact anyway (from a log, a screenshot) and announces it without credentials.
    const attacker = await connect('mallory');
    const options = withContact(attacker.build({ method: 'OPTIONS', uri: `sip:${DOMAIN}` }), agent.contact);
    attacker.send(options);
    expect((await attacker.response(options)).status).toBe(200);
    // An unauthenticated REGISTER and INVITE announcing it change nothing either.
    const register = withContact(
      attacker.build({
        method: 'REGISTER',
        uri: `sip:${DOMAIN}`,
        to: `<sip:1001@${DOMAIN}>`,
        from: `<sip:1001@${DOMAIN}>;tag=m`,
      }),
      agent.contact,
    );
    attacker.send(register);
    expect((await attacker.response(register)).status).toBe(401);

    customer.inDialog('BYE', invite, answer, false, 3);
    expect((await agent.nextRequest('BYE')).method).toBe('BYE');
    expect(attacker.received.filter((m) => m.kind === 'request')).toEqual([]);
  });

  it('an authenticated stranger cannot take over another account’s Contact either', async () => {
    const agent = await registered('1002');
    const customer = await connect('9001');
    const { invite: call, answer } = await answeredCall(customer, agent);
    const other = await connect('9002');
    const invite = withContact(other.build({ method: 'INVITE', uri: `sip:3001@${DOMAIN}` }), agent.contact);
    other.send(invite);
    const challenge = await other.response(invite);
    other.ackNon2xx(invite, challenge);
    const c = parseDigestCredentials(getHeader(challenge, 'Proxy-Authenticate')!)!;
    const authed = withContact(
      other.build({
        method: 'INVITE',
        uri: `sip:3001@${DOMAIN}`,
        callId: getHeader(invite, 'Call-ID')!,
        headers: [
          {
            name: 'Proxy-Authorization',
            value: digestResponse({
              user: '9002',
              password: PASSWORDS['9002']!,
              realm: c.get('realm')!,
              nonce: c.get('nonce')!,
              method: 'INVITE',
              uri: `sip:3001@${DOMAIN}`,
            }),
          },
        ],
      }),
      agent.contact,
    );
    other.send(authed);
    expect((await other.response(authed)).status).toBe(480); // 3001 is not registered

    customer.inDialog('BYE', call, answer, false, 3);
    expect((await agent.nextRequest('BYE')).method).toBe('BYE');
    expect(other.received.filter((m) => m.kind === 'request')).toEqual([]);
  });
});

describe('finding 2: fake in-dialog requests', () => {
  it.each(['MESSAGE', 'INVITE', 'BYE', 'INFO'])(
    'a %s with a made-up To tag to an agent’s Contact, without credentials, gets 481 and never reaches the agent',
    async (method) => {
      const agent = await registered('1003');
      const attacker = await connect('mallory');
      const req = attacker.request({
        method,
        uri: contactUri(agent),
        from: `"Boss" <sip:boss@evil.example>;tag=y`,
        to: `<sip:1003@${DOMAIN}>;tag=x`,
        body: 'click here',
      });
      expect((await attacker.response(req)).status).toBe(481);
      // Anything forwarded would have reached the agent before the attacker's answer.
      const ping = agent.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
      await agent.response(ping);
      expect(agent.received.filter((m) => m.kind === 'request')).toEqual([]);
    },
  );

  it('a client that is registered but not in the dialog cannot borrow its Call-ID and tags', async () => {
    const agent = await registered('1001');
    const customer = await connect('9001');
    const { invite, answer } = await answeredCall(customer, agent);
    const intruder = await registered('9002');
    const req = intruder.request({
      method: 'MESSAGE',
      uri: contactUri(agent),
      from: getHeader(answer, 'From')!,
      to: getHeader(answer, 'To')!,
      callId: getHeader(invite, 'Call-ID')!,
      body: 'hello from the middle',
    });
    expect((await intruder.response(req)).status).toBe(481);
    // The dialog's own parties still talk.
    customer.inDialog('MESSAGE', invite, answer, false, 3, 'still here');
    const message = await agent.nextRequest('MESSAGE');
    expect(message.body.toString()).toBe('still here');
  });
});

describe('finding 3: caller-ID spoofing', () => {
  it('asserts the authenticated caller (P-Asserted-Identity) and drops the caller’s own PAI and PPI', async () => {
    const agent = await registered('1002');
    const customer = await connect('9001');
    const invite = await customer.sendAuthed(
      {
        method: 'INVITE',
        uri: `sip:1002@${DOMAIN}`,
        from: `"CEO" <sip:ceo@bank.example>;tag=ceo`,
        headers: [
          { name: 'P-Asserted-Identity', value: '"CEO" <sip:ceo@bank.example>' },
          { name: 'p-preferred-identity', value: `<sip:2001@${DOMAIN}>` },
        ],
        body: SDP,
        contentType: 'application/sdp',
      },
      PASSWORDS['9001']!,
    );
    const incoming = await agent.nextRequest('INVITE');
    expect(getHeaders(incoming, 'P-Asserted-Identity')).toEqual([`<sip:9001@${DOMAIN}>`]);
    expect(getHeaders(incoming, 'P-Preferred-Identity')).toEqual([]);
    agent.reply(incoming, 486);
    expect((await customer.response(invite)).status).toBe(486);
  });

  it('keeps the caller’s display name when the From is their own address, and asserts queue calls too', async () => {
    const agent = await registered('3001');
    const customer = await connect('9002');
    const invite = await customer.sendAuthed(
      {
        method: 'INVITE',
        uri: `sip:technical@${DOMAIN}`,
        from: `"Sanne \\"S\\" de Vries" <sip:9002@${DOMAIN}>;tag=s`,
        headers: [{ name: 'P-Asserted-Identity', value: `<sip:3001@${DOMAIN}>` }],
        body: SDP,
        contentType: 'application/sdp',
      },
      PASSWORDS['9002']!,
    );
    const incoming = await agent.nextRequest('INVITE');
    expect(getHeader(incoming, 'X-Warmline-Queue')).toBe('technical');
    expect(getHeaders(incoming, 'P-Asserted-Identity')).toEqual([`"Sanne \\"S\\" de Vries" <sip:9002@${DOMAIN}>`]);
    agent.reply(incoming, 486);
    await customer.response(invite);
  });
});

describe('finding 4: password guessing', () => {
  it('300 wrong guesses over 20 connections lock the account: the right password is refused, the failures logged', async () => {
    const log: Array<Record<string, unknown>> = [];
    const guessed = await startTestLab({}, (e) => void log.push(e));
    labs.push(guessed);
    const aor = `sip:1001@${DOMAIN}`;
    const guessers = await Promise.all(Array.from({ length: 20 }, () => connect('1001', guessed.url)));
    const statuses = await Promise.all(
      guessers.map(async (g) => {
        const first = g.request({ method: 'REGISTER', uri: `sip:${DOMAIN}`, to: `<${aor}>` });
        const c = parseDigestCredentials(getHeader(await g.response(first), 'WWW-Authenticate')!)!;
        const seen: number[] = [];
        for (let i = 0; i < 15; i++) {
          const credentials = digestResponse({
            user: '1001',
            password: `guess-${i}`,
            realm: c.get('realm')!,
            nonce: c.get('nonce')!,
            method: 'REGISTER',
            uri: `sip:${DOMAIN}`,
            nc: i + 1,
          });
          const req = g.request({
            method: 'REGISTER',
            uri: `sip:${DOMAIN}`,
            to: `<${aor}>`,
            headers: [{ name: 'Authorization', value: credentials }],
          });
          seen.push((await g.response(req)).status);
        }
        return seen;
      }),
    );
    const all = statuses.flat();
    expect(all).toHaveLength(300);
    expect(all.filter((s) => s === 401).length).toBeLessThanOrEqual(5 * 4); // per address: 4× the account's allowance
    expect(all.filter((s) => s === 403).length).toBeGreaterThan(250);

    const owner = await connect('1001', guessed.url);
    const { response } = await owner.register(PASSWORDS['1001']!);
    expect(response.status).toBe(403);
    expect(Number(getHeader(response, 'Retry-After'))).toBeGreaterThan(60);
    expect(log.filter((e) => e['event'] === 'auth-denied' && e['user'] === '1001' && e['address'] === '127.0.0.1').length).toBe(
      all.filter((s) => s === 401).length,
    );
    expect(log.some((e) => e['event'] === 'auth-throttled' && e['user'] === '1001')).toBe(true);
  });

  it('grows the wait from one second, lets the right password in after it, and never slows successes', async () => {
    const throttled = await startTestLab({ auth: { failuresBeforeDelay: 2, maxDelaySeconds: 300 } });
    labs.push(throttled);
    // Many successful registrations at once are not slowed (only failures count).
    const agents = await Promise.all(['1002', '1003', '2001', '3001'].map((u) => registered(u, throttled.url)));
    for (const a of agents) expect((await a.register(PASSWORDS[a.user]!)).response.status).toBe(200);

    const c = await connect('9001', throttled.url);
    expect((await c.register('wrong-1')).response.status).toBe(401);
    expect((await c.register('wrong-2')).response.status).toBe(401); // the second failure opens a 1 s wait
    const refused = (await c.register(PASSWORDS['9001']!)).response;
    expect(refused.status).toBe(403); // during the wait, unchecked; and trying again makes it longer
    expect(getHeader(refused, 'Retry-After')).toBe('2');
    const again = (await c.register(PASSWORDS['9001']!)).response;
    expect(getHeader(again, 'Retry-After')).toBe('4');
    await new Promise((r) => setTimeout(r, 4_100));
    expect((await c.register(PASSWORDS['9001']!)).response.status).toBe(200);
  });
});

describe('finding 5: Origin of browser pages', () => {
  it('refuses a page of another origin, accepts the app’s own and clients that send no Origin', async () => {
    const strict = await startTestLab({ allowedOrigins: undefined });
    labs.push(strict);
    await expect(RawClient.connect(strict.url, '1001', 'sip', 'https://evil.example')).rejects.toThrow(/403/);
    await expect(RawClient.connect(strict.url, '1001', 'sip', 'http://127.0.0.1:8000')).rejects.toThrow(/403/);
    await expect(RawClient.connect(strict.url, '1001', 'sip', 'null')).rejects.toThrow(/403/);
    const accepted = [
      ['1001', 'app://warmline'],
      ['1002', 'http://127.0.0.1:5180'],
      ['1003', 'http://localhost:5180'],
      ['2001', undefined],
    ] as const;
    for (const [user, origin] of accepted) {
      const c = await RawClient.connect(strict.url, user, 'sip', origin);
      open.push(c);
      expect((await c.register(PASSWORDS[user]!)).response.status).toBe(200);
    }
    strict.allowOrigin('http://127.0.0.1:8000');
    open.push(await RawClient.connect(strict.url, '1002', 'sip', 'http://127.0.0.1:8000'));
  });
});

describe('finding 6: connection limits', () => {
  it('caps connections in total and per address (503), and accepts again when some close', async () => {
    const total = await startTestLab({ limits: { maxConnections: 8, maxConnectionsPerAddress: 100 } });
    const perAddress = await startTestLab({ limits: { maxConnections: 100, maxConnectionsPerAddress: 5 } });
    labs.push(total, perAddress);
    for (const [server, cap] of [
      [total, 8],
      [perAddress, 5],
    ] as const) {
      const clients = await Promise.all(Array.from({ length: cap }, () => connect('1001', server.url)));
      await expect(RawClient.connect(server.url, 'one-too-many')).rejects.toThrow(/503/);
      await clients[0]!.close();
      await until(() => server.status()['connections'] === cap - 1, 5_000, 'the closed connection to be gone');
      open.push(await RawClient.connect(server.url, 'room-again'));
    }
  });

  it('closes a connection that does not authenticate within the idle time, not one that did', async () => {
    const idle = await startTestLab({ limits: { unauthenticatedIdleSeconds: 1 } });
    labs.push(idle);
    const agent = await registered('1001', idle.url);
    const stranger = await connect('mallory', idle.url);
    stranger.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
    await until(() => !stranger.isOpen, 10_000, 'the stranger to be closed');
    expect(agent.isOpen).toBe(true); // it connected first, so it would have gone first
  });
});
