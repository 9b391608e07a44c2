import { describe, expect, it } from 'vitest';
import { getHeader } from '../../../electron/lab/sip/headers.js';
import type { SipRequest } from '../../../electron/lab/sip/types.js';
import { DOMAIN, type RawClient } from './helpers/raw-client.js';
import { PASSWORDS, useTestLabs } from './helpers/lab.js';

/**
 * An escalation consult to a queue (Request-Disposition: no-queue, RFC 3841 §9.1): the agent's
 * customer is on hold, so the lab never leaves the consult waiting. A member's decline frees it for
 * the next free member; when members run out the agent gets a final answer with the reason.
 * Hang guards of 2 s on the final answers: "at once" means well before any queue timer (10 s here).
 */
const labs = useTestLabs();
const registered = labs.registered;

const consult = (agent: RawClient, queue: string): Promise<SipRequest> =>
  agent.sendAuthed(
    {
      method: 'INVITE',
      uri: `sip:${queue}@${DOMAIN}`,
      to: `<sip:${queue}@${DOMAIN}>`,
      headers: [{ name: 'Request-Disposition', value: 'no-queue' }],
    },
    PASSWORDS[agent.user]!,
  );

/** Two-member queue with a ring time long enough that only the test decides who answers. */
const seniors = {
  queues: [{ name: 'senior', members: ['1002', '1003'], ringTimeoutSeconds: 5, maxWaitSeconds: 10 }],
};

describe('a consult to a queue', () => {
  it('with no member signed in is answered 480 with the reason at once, not after the queue wait', async () => {
    await labs.start(seniors);
    const agent = await registered('1001');
    const final = await agent.response(await consult(agent, 'senior'), undefined, 2_000);
    expect(final.status).toBe(480);
    expect(getHeader(final, 'Reason')).toBe('SIP;cause=480;text="No member signed in"');
    expect(agent.received.some((m) => m.kind === 'response' && m.status === 182)).toBe(false);
  });

  it('with every member busy is answered 486 at once', async () => {
    await labs.start(seniors);
    const agent = await registered('1001');
    await registered('1002');
    const paused = await registered('1003');
    for (const member of ['1002', '1003']) {
      const c = labs.clients.find((o) => o.user === member)!;
      await c.authed({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: 'pause' }, PASSWORDS[member]!);
    }
    const final = await agent.response(await consult(agent, 'senior'), undefined, 2_000);
    expect(final.status).toBe(486);
    expect(getHeader(final, 'Reason')).toContain('busy');
    expect(paused.received.some((m) => m.kind === 'request' && m.method === 'INVITE')).toBe(false);
  });

  it('a member who declines frees it for the next member, who takes it', async () => {
    await labs.start(seniors);
    const agent = await registered('1001');
    const [first, second] = [await registered('1002'), await registered('1003')];
    const invite = await consult(agent, 'senior');
    const offered = await first.nextRequest('INVITE');
    first.reply(offered, 603, {
      toTag: 'no',
      headers: [{ name: 'Reason', value: 'SIP;cause=603;text="not-my-expertise"' }],
    });
    const next = await second.nextRequest('INVITE', 2_000);
    second.reply(next, 200, { toTag: 'yes' });
    const answer = await agent.response(invite);
    expect(answer.status).toBe(200);
    expect(getHeader(answer, 'To')).toContain('tag=yes');
  });

  it('when every member declined, the agent gets 603 with the last decline reason', async () => {
    await labs.start(seniors);
    const agent = await registered('1001');
    const [first, second] = [await registered('1002'), await registered('1003')];
    const invite = await consult(agent, 'senior');
    first.reply(await first.nextRequest('INVITE'), 486, { toTag: 'a' });
    second.reply(await second.nextRequest('INVITE', 2_000), 603, {
      toTag: 'b',
      headers: [{ name: 'Reason', value: 'SIP;cause=603;text="call-back-later"' }],
    });
    const final = await agent.response(invite, undefined, 2_000);
    expect(final.status).toBe(603);
    expect(getHeader(final, 'Reason')).toBe('SIP;cause=603;text="call-back-later"');
  });

  it('a member who declined is not rung again for that consult when another agent changes meanwhile', async () => {
    await labs.start(seniors);
    const agent = await registered('1001');
    const [first, second] = [await registered('1002'), await registered('1003')];
    const invite = await consult(agent, 'senior');
    first.reply(await first.nextRequest('INVITE'), 603, { toTag: 'a' });
    const offered = await second.nextRequest('INVITE', 2_000);
    // Someone signs in while the second member rings: the agents changed, the declines stand.
    await registered('9001');
    second.reply(offered, 603, {
      toTag: 'b',
      headers: [{ name: 'Reason', value: 'SIP;cause=603;text="call-back-later"' }],
    });
    const final = await agent.response(invite, undefined, 2_000);
    expect(final.status).toBe(603);
    expect(first.received.filter((m) => m.kind === 'request' && m.method === 'INVITE')).toHaveLength(1);
  });

  it('members held by the wrap-up hold (they just signed in) are waited for, not reported busy', async () => {
    await labs.start({ queues: [{ ...seniors.queues[0]!, wrapUpSeconds: 1 }] });
    const agent = await registered('1001');
    const [first, second] = [await registered('1002'), await registered('1003')];
    // Both phones registered a moment ago: each is held for a second, so it can say whether it is paused.
    const invite = await consult(agent, 'senior');
    first.reply(await first.nextRequest('INVITE', 3_000), 603, { toTag: 'a' });
    second.reply(await second.nextRequest('INVITE', 3_000), 200, { toTag: 'yes' });
    const answer = await agent.response(invite, undefined, 3_000);
    expect(answer.status).toBe(200);
    expect(getHeader(answer, 'To')).toContain('tag=yes');
  });

  it('a held member who says they are paused is no longer waited for: busy at once', async () => {
    await labs.start({ queues: [{ ...seniors.queues[0]!, members: ['1002'], wrapUpSeconds: 30 }] });
    const agent = await registered('1001');
    const member = await registered('1002');
    const invite = await consult(agent, 'senior');
    await member.authed({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: 'pause' }, PASSWORDS['1002']!);
    const final = await agent.response(invite, undefined, 2_000);
    expect(final.status).toBe(486);
  });

  it('when nobody answers within the ring time, the agent gets 408 "No member answered"', async () => {
    await labs.start({ queues: [{ name: 'senior', members: ['1002'], ringTimeoutSeconds: 1, maxWaitSeconds: 10 }] });
    const agent = await registered('1001');
    const member = await registered('1002');
    const invite = await consult(agent, 'senior');
    const offered = await member.nextRequest('INVITE');
    member.reply(offered, 180, { toTag: 'r' });
    const cancel = await member.nextRequest('CANCEL', 3_000);
    member.reply(cancel, 200, { toTag: 'r' });
    member.reply(offered, 487, { toTag: 'r' });
    const final = await agent.response(invite, undefined, 2_000);
    expect(final.status).toBe(408);
    expect(getHeader(final, 'Reason')).toBe('SIP;cause=408;text="No member answered"');
  });

  it('a queue set to let consults wait answers a consult with every member paused 182 Queued, not 486', async () => {
    await labs.start({ queues: [{ ...seniors.queues[0]!, consultsWait: true }] });
    const agent = await registered('1001');
    for (const member of ['1002', '1003']) {
      const c = await registered(member);
      await c.authed({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: 'pause' }, PASSWORDS[member]!);
    }
    const invite = await consult(agent, 'senior');
    expect((await agent.response(invite, 182, 2_000)).status).toBe(182);
  });

  it('a customer call (no Request-Disposition) still waits in the queue with 182 when every member declined', async () => {
    await labs.start(seniors);
    const customer = await registered('9001');
    const [first, second] = [await registered('1002'), await registered('1003')];
    const invite = await customer.sendAuthed(
      { method: 'INVITE', uri: `sip:senior@${DOMAIN}`, to: `<sip:senior@${DOMAIN}>` },
      PASSWORDS['9001']!,
    );
    first.reply(await first.nextRequest('INVITE'), 603, { toTag: 'a' });
    second.reply(await second.nextRequest('INVITE', 2_000), 603, { toTag: 'b' });
    expect((await customer.response(invite, 182)).status).toBe(182);
    expect(
      customer.received.some(
        (m) => m.kind === 'response' && m.status >= 300 && m.status !== 407 && getHeader(m, 'CSeq')?.endsWith('INVITE'),
      ),
    ).toBe(false);
  });

  it('another member picks up a consult ringing at a colleague: that ring is cancelled (not a decline) and the picker takes it', async () => {
    await labs.start(seniors);
    const agent = await registered('1001');
    const [first, second] = [await registered('1002'), await registered('1003')];
    const invite = await consult(agent, 'senior');
    const offered = await first.nextRequest('INVITE');
    first.reply(offered, 180, { toTag: 'r1' });
    const pickup = await second.authed(
      { method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: 'pickup 1001' },
      PASSWORDS['1003']!,
    );
    expect(pickup.response.status).toBe(200);
    const cancel = await first.nextRequest('CANCEL', 2_000);
    first.reply(cancel, 200, { toTag: 'r1' });
    first.reply(offered, 487, { toTag: 'r1' });
    second.reply(await second.nextRequest('INVITE', 2_000), 200, { toTag: 'picked' });
    const answer = await agent.response(invite, undefined, 2_000);
    expect(answer.status).toBe(200);
    expect(getHeader(answer, 'To')).toContain('tag=picked');
    expect(first.received.filter((m) => m.kind === 'request' && m.method === 'INVITE')).toHaveLength(1);
  });

  it("pickup is refused without such a consult in the picker's queues, and for a customer waiting in the queue", async () => {
    await labs.start(seniors);
    const [first, second] = [await registered('1002'), await registered('1003')];
    const [outsider, customer] = [await registered('2001'), await registered('9001')];
    const pick = (c: RawClient, body: string) =>
      c.authed({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body }, PASSWORDS[c.user]!);
    expect((await pick(second, 'pickup 1001')).response.status).toBe(404);
    expect((await pick(second, 'pickup')).response.status).toBe(400);
    expect((await pick(second, 'pickup <script>')).response.status).toBe(400);
    // A customer's place in the queue is the ACD's to give: no pickup.
    await customer.sendAuthed(
      { method: 'INVITE', uri: `sip:senior@${DOMAIN}`, to: `<sip:senior@${DOMAIN}>` },
      PASSWORDS['9001']!,
    );
    first.reply(await first.nextRequest('INVITE'), 180, { toTag: 'c' });
    expect((await pick(second, 'pickup 9001')).response.status).toBe(404);
    // 2001 is no member of this senior queue: a consult ringing there is not theirs to take.
    const agent = await registered('1001');
    await consult(agent, 'senior');
    second.reply(await second.nextRequest('INVITE'), 180, { toTag: 's' });
    expect((await pick(outsider, 'pickup 1001')).response.status).toBe(404);
  });
});
