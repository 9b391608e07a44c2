import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionState } from 'sip.js';
import type { LabServer } from '../../../electron/lab/server.js';
import { getHeader, getHeaders } from '../../../electron/lab/sip/headers.js';
import type { SipResponse } from '../../../electron/lab/sip/types.js';
import { DOMAIN, RawClient } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab, until } from './helpers/lab.js';
import { sessionState, sipjsAgent, type SipjsAgent } from './helpers/sipjs.js';

let lab: LabServer;
const open: Array<RawClient | SipjsAgent> = [];
beforeAll(async () => {
  lab = await startTestLab();
});
afterAll(() => lab.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => (c instanceof RawClient ? c.close() : c.stop())));
});

async function registered(user: string): Promise<RawClient> {
  const c = await RawClient.connect(lab.url, user);
  open.push(c);
  expect((await c.register(PASSWORDS[user]!)).response.status).toBe(200);
  return c;
}

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

describe('proxy between registered clients', () => {
  it('routes INVITE/180/200/ACK, in-dialog INFO, UPDATE, MESSAGE, re-INVITE and BYE with Record-Route', async () => {
    const a = await registered('1001');
    const b = await registered('1002');
    const invite = await a.sendAuthed(
      { method: 'INVITE', uri: `sip:1002@${DOMAIN}`, body: SDP, contentType: 'application/sdp' },
      PASSWORDS['1001']!,
    );
    expect((await a.response(invite, 100)).status).toBe(100);
    const incoming = await b.nextRequest('INVITE');
    // RFC 3261 §16.6: retargeted to the registered contact, our Via on top, Max-Forwards decremented, RR with lr.
    expect(incoming.uri).toContain(b.contactHost);
    expect(getHeaders(incoming, 'Via')).toHaveLength(2);
    expect(getHeader(incoming, 'Max-Forwards')).toBe('69');
    expect(getHeader(incoming, 'Record-Route')).toMatch(/^<sip:lab\.test;transport=ws;lr>$/);
    expect(getHeader(incoming, 'Proxy-Authorization')).toBeDefined();

    b.reply(incoming, 180, { toTag: 'b1' });
    expect((await a.response(invite, 180)).status).toBe(180);
    b.reply(incoming, 200, { toTag: 'b1', body: SDP });
    const answer = await a.response(invite, 200);
    expect(getHeaders(answer, 'Via')).toHaveLength(1);
    a.inDialog('ACK', invite, answer, false, 2);
    const ack = await b.nextRequest('ACK');
    expect(getHeader(ack, 'Route')).toBeUndefined(); // our own Route entry was consumed (RFC 3261 §16.4)
    expect(lab.status()['calls']).toEqual([expect.objectContaining({ users: expect.arrayContaining(['1001', '1002']) })]);

    for (const [method, from, to, asCallee] of [
      ['INFO', b, a, true],
      ['UPDATE', a, b, false],
      ['MESSAGE', b, a, true],
      ['OPTIONS', a, b, false],
    ] as const) {
      const req = from.inDialog(method, invite, answer, asCallee, 10, method === 'UPDATE' ? SDP : 'hello');
      to.reply(await to.nextRequest(method), 200, { toTag: asCallee ? 'x' : 'b1' });
      expect((await from.response(req)).status, method).toBe(200);
    }

    const reinvite = a.inDialog('INVITE', invite, answer, false, 20, SDP);
    b.reply(await b.nextRequest('INVITE'), 200, { toTag: 'b1', body: SDP });
    const reanswer = await a.response(reinvite, 200);
    a.inDialog('ACK', reinvite, reanswer, false, 20);
    await b.nextRequest('ACK');

    const bye = a.inDialog('BYE', invite, answer, false, 30);
    b.reply(await b.nextRequest('BYE'), 200, { toTag: 'b1' });
    expect((await a.response(bye)).status).toBe(200);
    expect(lab.status()['calls']).toEqual([]);
  });

  it('answers 404 for an unknown user and 480 for a known one who is not registered', async () => {
    const a = await registered('1001');
    const unknown = await a.sendAuthed({ method: 'INVITE', uri: `sip:4242@${DOMAIN}` }, PASSWORDS['1001']!);
    expect((await a.response(unknown)).status).toBe(404);
    const away = await a.sendAuthed({ method: 'INVITE', uri: `sip:2001@${DOMAIN}` }, PASSWORDS['1001']!);
    expect((await a.response(away)).status).toBe(480);
  });

  it('challenges an INVITE with 407 and refuses a From that is not the authenticated account', async () => {
    const a = await registered('1001');
    const first = a.request({ method: 'INVITE', uri: `sip:1002@${DOMAIN}` });
    const challenge = await a.response(first);
    expect(challenge.status).toBe(407);
    expect(getHeader(challenge, 'Proxy-Authenticate')).toMatch(/^Digest realm="lab\.test"/);
    a.ackNon2xx(first, challenge);
    const spoof = await a.sendAuthed(
      { method: 'INVITE', uri: `sip:1002@${DOMAIN}`, from: `<sip:1003@${DOMAIN}>;tag=z` },
      PASSWORDS['1001']!,
    );
    expect((await a.response(spoof)).status).toBe(403);
  });

  it('matches CANCEL to the pending INVITE: 200 to the CANCEL, CANCEL downstream, 487 upstream', async () => {
    const a = await registered('1001');
    const b = await registered('1002');
    const invite = await a.sendAuthed(
      { method: 'INVITE', uri: `sip:1002@${DOMAIN}`, body: SDP, contentType: 'application/sdp' },
      PASSWORDS['1001']!,
    );
    const incoming = await b.nextRequest('INVITE');
    b.reply(incoming, 180, { toTag: 'b2' });
    await a.response(invite, 180);
    const cancel = a.build({
      method: 'CANCEL',
      uri: invite.uri,
      callId: getHeader(invite, 'Call-ID'),
      cseq: Number(getHeader(invite, 'CSeq')!.split(' ')[0]),
      from: getHeader(invite, 'From'),
      to: getHeader(invite, 'To'),
      headers: [],
    });
    // The CANCEL must carry the INVITE's branch (RFC 3261 §9.1).
    cancel.headers[0] = { name: 'Via', value: getHeader(invite, 'Via')! };
    a.send(cancel);
    expect((await a.response(cancel)).status).toBe(200);
    const downstream = await b.nextRequest('CANCEL');
    expect(getHeader(downstream, 'Via')).toBe(getHeader(incoming, 'Via'));
    b.reply(downstream, 200, { toTag: 'b2' });
    b.reply(incoming, 487, { toTag: 'b2' });
    const final = await a.response(invite);
    expect(final.status).toBe(487);
    // The proxy ACKs the 487 hop by hop.
    expect((await b.nextRequest('ACK')).uri).toBe(incoming.uri);
  });

  it('answers 481 to a CANCEL that matches nothing', async () => {
    const a = await registered('1001');
    const cancel = a.request({ method: 'CANCEL', uri: `sip:1002@${DOMAIN}` });
    expect((await a.response(cancel)).status).toBe(481);
  });

  it('carries a SIP.js call end to end: ringing, answer, hang-up', async () => {
    const caller = await sipjsAgent(lab.url, '1001', PASSWORDS['1001']!);
    const callee = await sipjsAgent(lab.url, '1002', PASSWORDS['1002']!);
    open.push(caller, callee);
    await Promise.all([caller.register(), callee.register()]);
    const inviter = caller.call(`sip:1002@${DOMAIN}`);
    let ringing: SipResponse | null = null;
    void inviter.invite({ requestDelegate: { onProgress: (r) => void (ringing = r.message as unknown as SipResponse) } });
    const invitation = await callee.nextInvitation();
    await until(() => ringing !== null, 5_000, '180 at the caller');
    await invitation.accept();
    await sessionState(inviter, SessionState.Established);
    await inviter.bye();
    await sessionState(invitation, SessionState.Terminated);
  });

  it('lets a SIP.js caller cancel while the callee rings', async () => {
    const caller = await sipjsAgent(lab.url, '1001', PASSWORDS['1001']!);
    const callee = await sipjsAgent(lab.url, '1003', PASSWORDS['1003']!);
    open.push(caller, callee);
    await Promise.all([caller.register(), callee.register()]);
    const inviter = caller.call(`sip:1003@${DOMAIN}`);
    void inviter.invite();
    const invitation = await callee.nextInvitation();
    await sessionState(inviter, SessionState.Establishing);
    await inviter.cancel();
    await sessionState(invitation, SessionState.Terminated);
    await sessionState(inviter, SessionState.Terminated);
  });
});

describe('authorisation of in-dialog requests', () => {
  it("challenges a request with a made-up To tag aimed at an agent's AOR instead of ringing the agent", async () => {
    const b = await registered('1002');
    const intruder = await RawClient.connect(lab.url, 'intruder');
    open.push(intruder);
    const req = intruder.request({ method: 'INVITE', uri: `sip:1002@${DOMAIN}`, to: `<sip:1002@${DOMAIN}>;tag=madeup` });
    expect((await intruder.response(req)).status).toBe(407);
    expect(b.received.filter((m) => m.kind === 'request' && m.method === 'INVITE')).toEqual([]);
  });
});
