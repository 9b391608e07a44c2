import { describe, expect, it } from 'vitest';
import { getHeader } from '../../../electron/lab/sip/headers.js';
import type { SipRequest } from '../../../electron/lab/sip/types.js';
import { DOMAIN, type RawClient } from './helpers/raw-client.js';
import { PASSWORDS, until, useTestLabs } from './helpers/lab.js';
import { sipjsAgent } from './helpers/sipjs.js';

const labs = useTestLabs();
const registered = labs.registered;

const callQueue = (customer: RawClient, queue: string): Promise<SipRequest> =>
  customer.sendAuthed(
    { method: 'INVITE', uri: `sip:${queue}@${DOMAIN}`, to: `<sip:${queue}@${DOMAIN}>` },
    PASSWORDS[customer.user]!,
  );

async function control(agent: RawClient, command: string) {
  return (await agent.authed({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: command }, PASSWORDS[agent.user]!))
    .response;
}

const invitesTo = (c: RawClient): number => c.received.filter((m) => m.kind === 'request' && m.method === 'INVITE').length;

describe('ACD queues', () => {
  it('rings one available member with the queue headers; the answer reaches the customer', async () => {
    await labs.start();
    const [a1, a2, a3] = [await registered('1001'), await registered('1002'), await registered('1003')];
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'support');
    const offered = await a1.nextRequest('INVITE');
    expect(getHeader(offered, 'X-Warmline-Queue')).toBe('support');
    expect(Number(getHeader(offered, 'X-Warmline-Queue-Wait'))).toBeGreaterThanOrEqual(0);
    expect(getHeader(offered, 'Record-Route')).toContain(';lr');
    a1.reply(offered, 200, { toTag: 'q1' });
    expect((await customer.response(invite, 200)).status).toBe(200);
    expect([invitesTo(a2), invitesTo(a3)]).toEqual([0, 0]);

    // 1001 is now on a call, so the next customer goes to someone else.
    const second = await registered('9002');
    void callQueue(second, 'support');
    const next = await Promise.race([a2.nextRequest('INVITE'), a3.nextRequest('INVITE')]);
    expect(getHeader(next, 'X-Warmline-Queue')).toBe('support');
    expect(invitesTo(a1)).toBe(1);
  });

  it('cancels a member who does not answer within the ring timeout and rings the next', async () => {
    await labs.start();
    const [a1, a2] = [await registered('1001'), await registered('1002')];
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'support');
    const first = await a1.nextRequest('INVITE');
    a1.reply(first, 180, { toTag: 'r1' });
    expect((await customer.response(invite, 180)).status).toBe(180);
    const cancel = await a1.nextRequest('CANCEL', 5_000);
    a1.reply(cancel, 200, { toTag: 'r1' });
    a1.reply(first, 487, { toTag: 'r1' });
    const second = await a2.nextRequest('INVITE', 5_000);
    a2.reply(second, 200, { toTag: 'r2' });
    const answer = await customer.response(invite);
    expect(answer.status).toBe(200);
    expect(getHeader(answer, 'To')).toContain('tag=r2');
  });

  it('rings the only free member again when they let a queued call ring out, instead of the customer waiting out the queue (soak, issue 14)', async () => {
    // The soak's agent answered too late once under load (ring timeout 15 s): the lab cancelled, kept the agent as
    // "tried" for that call and, with nobody else changing state, the customer waited the full maxWait while the
    // agent sat Available without a ringing call.
    await labs.start({
      queues: [{ name: 'support', members: ['1001'], ringTimeoutSeconds: 1, maxWaitSeconds: 30, ringAgainSeconds: 1 }],
    });
    const agent = await registered('1001');
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'support');
    const first = await agent.nextRequest('INVITE');
    agent.reply(first, 180, { toTag: 'r1' });
    const cancel = await agent.nextRequest('CANCEL', 5_000);
    agent.reply(cancel, 200, { toTag: 'r1' });
    agent.reply(first, 487, { toTag: 'r1' });
    expect((await agent.nextRequest('ACK')).method).toBe('ACK'); // hop-by-hop ACK of the 487
    // Still available, and the customer still waiting: rung again, and this time answered.
    const again = await agent.nextRequest('INVITE', 5_000);
    expect(getHeader(again, 'Call-ID')).toBe(getHeader(invite, 'Call-ID'));
    agent.reply(again, 200, { toTag: 'r2' });
    const answer = await customer.response(invite);
    expect(answer.status).toBe(200);
    expect(getHeader(answer, 'To')).toContain('tag=r2');
  });

  it('does not ring a member again who declined a queued call (603), while nobody changes state', async () => {
    const lab = await labs.start({
      queues: [{ name: 'support', members: ['1001'], ringTimeoutSeconds: 1, maxWaitSeconds: 30, ringAgainSeconds: 1 }],
    });
    const agent = await registered('1001');
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'support');
    agent.reply(await agent.nextRequest('INVITE'), 603, { toTag: 'no' });
    expect((await agent.nextRequest('ACK')).method).toBe('ACK');
    await customer.response(invite, 182);
    // Three ring-again periods: nothing more reaches the agent, and the customer still waits.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(invitesTo(agent)).toBe(1);
    const support = (lab.status()['queues'] as Array<{ name: string; waiting: unknown[] }>).find((q) => q.name === 'support')!;
    expect(support.waiting).toHaveLength(1);
  });

  it('moves on to the next member when a busy agent answers 486', async () => {
    await labs.start();
    const [a1, a2] = [await registered('1001'), await registered('1002')];
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'support');
    a1.reply(await a1.nextRequest('INVITE'), 486, { toTag: 'busy' });
    expect((await a1.nextRequest('ACK')).method).toBe('ACK'); // hop-by-hop ACK of the 486
    const offered = await a2.nextRequest('INVITE');
    a2.reply(offered, 200, { toTag: 'ok' });
    expect((await customer.response(invite)).status).toBe(200);
  });

  it('queues the caller with 182 when nobody is available, then gives up with 480 and Retry-After', async () => {
    const lab = await labs.start();
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'technical');
    expect((await customer.response(invite, 182)).status).toBe(182);
    const waiting = (lab.status()['queues'] as Array<{ name: string; waiting: unknown[] }>).find((q) => q.name === 'technical')!;
    expect(waiting.waiting).toHaveLength(1);
    const final = await customer.response(invite, undefined, 5_000);
    expect(final.status).toBe(480);
    expect(getHeader(final, 'Retry-After')).toBe('42');
  });

  it('an agent registering while a caller waits gets the REGISTER 200 before the offer (else a phone not yet signed in answers 486)', async () => {
    await labs.start();
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'support');
    await customer.response(invite, 182);
    const agent = await labs.connect('1001');
    expect((await agent.register(PASSWORDS['1001']!)).response.status).toBe(200);
    await agent.nextRequest('INVITE');
    const order = agent.received.map((m) =>
      m.kind === 'request' ? m.method : `${m.status} ${getHeader(m, 'CSeq')?.split(' ')[1]}`,
    );
    expect(order.indexOf('200 REGISTER')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('200 REGISTER')).toBeLessThan(order.indexOf('INVITE'));
  });

  it('lets a queued caller hang up (CANCEL → 487)', async () => {
    await labs.start();
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'senior');
    await customer.response(invite, 182);
    const cancel = customer.build({
      method: 'CANCEL',
      uri: invite.uri,
      callId: getHeader(invite, 'Call-ID'),
      cseq: Number(getHeader(invite, 'CSeq')!.split(' ')[0]),
      from: getHeader(invite, 'From'),
      to: getHeader(invite, 'To'),
    });
    cancel.headers[0] = { name: 'Via', value: getHeader(invite, 'Via')! };
    customer.send(cancel);
    expect((await customer.response(cancel)).status).toBe(200);
    expect((await customer.response(invite)).status).toBe(487);
  });

  it('pause keeps calls away from an agent; unpause delivers the waiting caller with its wait time', async () => {
    await labs.start();
    const senior = await registered('2001');
    const paused = await control(senior, 'pause');
    expect(paused.status).toBe(200);
    expect(getHeader(paused, 'X-Warmline-Agent-State')).toBe('senior=paused');
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'senior');
    await customer.response(invite, 182);
    expect(invitesTo(senior)).toBe(0);
    expect(getHeader(await control(senior, 'unpause senior'), 'X-Warmline-Agent-State')).toBe('senior=available');
    const offered = await senior.nextRequest('INVITE');
    expect(getHeader(offered, 'X-Warmline-Queue')).toBe('senior');
    senior.reply(offered, 200, { toTag: 's' });
    expect((await customer.response(invite)).status).toBe(200);
  });

  it('authenticates queue control and answers bad commands with 400 and foreign queues with 403', async () => {
    await labs.start();
    const agent = await registered('1001');
    const unauth = agent.request({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: 'pause' });
    expect((await agent.response(unauth)).status).toBe(407);
    expect((await control(agent, 'fly away')).status).toBe(400);
    expect((await control(agent, 'login technical')).status).toBe(403);
    expect(getHeader(await control(agent, 'logout'), 'X-Warmline-Agent-State')).toBe('support=logged-out');
    expect(getHeader(await control(agent, 'login support'), 'X-Warmline-Agent-State')).toBe('support=available');
  });

  it('keeps an agent whose WebSocket dropped mid-call busy, and gives the call back when the same phone registers again', async () => {
    const lab = await labs.start();
    const agentOf = () =>
      (
        lab.status()['agents'] as Array<{
          user: string;
          registered: boolean;
          activeCalls: number;
          queues: Record<string, string>;
        }>
      ).find((a) => a.user === '2001')!;
    const agent = await registered('2001');
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'senior');
    agent.reply(await agent.nextRequest('INVITE'), 200, { toTag: 'a1' });
    const answer = await customer.response(invite, 200);
    customer.inDialog('ACK', invite, answer, false, Number(getHeader(invite, 'CSeq')!.split(' ')[0]));

    await agent.close();
    await until(() => !agentOf().registered, 5_000, 'the dropped registration');
    expect(agentOf().activeCalls).toBe(1);
    const again = await agent.reconnect(lab.url);
    expect((await again.register(PASSWORDS['2001']!)).response.status).toBe(200);
    await until(() => agentOf().registered, 5_000, 'registered again');
    expect(agentOf()).toMatchObject({ activeCalls: 1, queues: { senior: 'busy' } });

    // Busy: the next caller waits (182 means the queue found nobody to ring) instead of ringing the agent mid-call.
    const next = await registered('9002');
    expect((await next.response(await callQueue(next, 'senior'), 182)).status).toBe(182);
    expect(invitesTo(again)).toBe(0);

    // The customer's BYE reaches the phone on its new connection, and only then is the call over.
    const bye = customer.inDialog('BYE', invite, answer, false, 50);
    again.reply(await again.nextRequest('BYE'), 200, { toTag: 'a1' });
    expect((await customer.response(bye)).status).toBe(200);
    expect(agentOf().activeCalls).toBe(0);
    await again.close();
  });

  it('ends the dropped call when another phone of the account signs in instead (the app started over)', async () => {
    const lab = await labs.start();
    const activeCalls = () =>
      (lab.status()['agents'] as Array<{ user: string; activeCalls: number }>).find((a) => a.user === '2001')!.activeCalls;
    const agent = await registered('2001');
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'senior');
    agent.reply(await agent.nextRequest('INVITE'), 200, { toTag: 'a1' });
    await customer.response(invite, 200);
    await agent.close();
    await until(() => !lab.registrations().some((r) => r.user === '2001'), 5_000, 'the dropped registration');
    expect(activeCalls()).toBe(1);
    await registered('2001');
    expect(activeCalls()).toBe(0);
  });

  it('delivers a queue call to a SIP.js agent, which sees the queue headers', async () => {
    const lab = await labs.start();
    const agent = await sipjsAgent(lab.url, '3001', PASSWORDS['3001']!);
    await agent.register();
    const customer = await registered('9001');
    const invite = await callQueue(customer, 'technical');
    const invitation = await agent.nextInvitation();
    expect(invitation.request.getHeader('X-Warmline-Queue')).toBe('technical');
    void invitation.accept();
    const answer = await customer.response(invite);
    expect(answer.status).toBe(200);
    customer.inDialog('ACK', invite, answer, false, Number(getHeader(invite, 'CSeq')!.split(' ')[0]));
    const agents = lab.status()['agents'] as Array<{ user: string; queues: Record<string, string> }>;
    expect(agents.find((a) => a.user === '3001')!.queues).toEqual({ technical: 'busy' });
    await agent.stop();
  });
});

describe('ACD queues with SIP.js on both ends', () => {
  it('a SIP.js customer waits through 182 Queued and is connected when the agent unpauses', async () => {
    const lab = await labs.start();
    const { SessionState } = await import('sip.js');
    const { sessionState } = await import('./helpers/sipjs.js');
    const agent = await sipjsAgent(lab.url, '2001', PASSWORDS['2001']!);
    const customer = await sipjsAgent(lab.url, '9001', PASSWORDS['9001']!);
    await Promise.all([agent.register(), customer.register()]);
    // Queue control needs credentials, not a registration: a second connection of 2001 sends it.
    const controller = await labs.connect('2001');
    expect((await control(controller, 'pause')).status).toBe(200);
    let queued = false;
    const inviter = customer.call(`sip:senior@${DOMAIN}`);
    void inviter.invite({ requestDelegate: { onProgress: (r) => void (queued ||= r.message.statusCode === 182) } });
    const { until } = await import('./helpers/lab.js');
    await until(() => queued, 5_000, '182 Queued at the SIP.js customer');
    await control(controller, 'unpause');
    const invitation = await agent.nextInvitation();
    await invitation.accept();
    await sessionState(inviter, SessionState.Established);
    await inviter.bye();
    await sessionState(invitation, SessionState.Terminated);
    await Promise.all([agent.stop(), customer.stop()]);
  });
});

describe('queue edge cases', () => {
  it("cancels the ringing agent when the queued caller's socket closes", async () => {
    await labs.start();
    const agent = await registered('2001');
    const customer = await registered('9001');
    await callQueue(customer, 'senior');
    const offered = await agent.nextRequest('INVITE');
    agent.reply(offered, 180, { toTag: 'gone' });
    await customer.close();
    const cancel = await agent.nextRequest('CANCEL');
    expect(getHeader(cancel, 'Call-ID')).toBe(getHeader(offered, 'Call-ID'));
  });

  it('strips the queue headers a client puts on a direct call, so only queue calls carry them, and passes the escalation context', async () => {
    await labs.start();
    const agent = await registered('1002');
    const caller = await registered('1001');
    await caller.sendAuthed(
      {
        method: 'INVITE',
        uri: `sip:1002@${DOMAIN}`,
        headers: [
          { name: 'X-Warmline-Queue', value: 'support' },
          { name: 'X-Warmline-Queue-Wait', value: '999' },
          { name: 'X-Warmline-Context', value: 'eyJ2IjoxfQ.' },
        ],
      },
      PASSWORDS['1001']!,
    );
    const offered = await agent.nextRequest('INVITE');
    expect(getHeader(offered, 'X-Warmline-Queue')).toBeUndefined();
    expect(getHeader(offered, 'X-Warmline-Queue-Wait')).toBeUndefined();
    expect(getHeader(offered, 'X-Warmline-Context')).toBe('eyJ2IjoxfQ.');
  });
});
