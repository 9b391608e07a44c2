import { describe, expect, it } from 'vitest';
import { createResponse } from '../../../electron/lab/sip/build.js';
import { getHeader } from '../../../electron/lab/sip/headers.js';
import type { SipRequest } from '../../../electron/lab/sip/types.js';
import { buildPidf, parsePidf } from '../../../shared/presence/pidf.js';
import { parseQueueBoard, type QueueBoard } from '../../../shared/presence/queue-board.js';
import { DOMAIN, type RawClient } from './helpers/raw-client.js';
import { PASSWORDS, useTestLabs, until } from './helpers/lab.js';

const labs = useTestLabs();
const registered = labs.registered;

/** The next NOTIFY for `event`, answered 200 as a subscriber must (RFC 6665 §4.1.3). */
async function nextNotify(c: RawClient, event: string, timeoutMs = 3_000): Promise<SipRequest> {
  const n = (await c.waitFor(
    (m) => m.kind === 'request' && m.method === 'NOTIFY' && getHeader(m, 'Event') === event,
    timeoutMs,
  )) as SipRequest;
  c.send(createResponse(n, 200));
  return n;
}

const subscribe = (c: RawClient, target: string, event: string, expires = 600) =>
  c.authed(
    {
      method: 'SUBSCRIBE',
      uri: `sip:${target}@${DOMAIN}`,
      headers: [
        { name: 'Event', value: event },
        { name: 'Expires', value: String(expires) },
      ],
    },
    PASSWORDS[c.user]!,
  );

const publish = (c: RawClient, body: string, target = c.user) =>
  c.authed(
    {
      method: 'PUBLISH',
      uri: `sip:${target}@${DOMAIN}`,
      headers: [
        { name: 'Event', value: 'presence' },
        { name: 'Expires', value: '600' },
      ],
      body,
      contentType: 'application/pidf+xml',
    },
    PASSWORDS[c.user]!,
  );

const kindOf = (n: SipRequest) => {
  const r = parsePidf(n.body.toString('utf8'));
  return r.ok ? r.value.kind : `unreadable: ${r.error}`;
};

describe('the lab as a presence server (RFC 3856, 3903, 4235) and the queue board', () => {
  it('a colleague subscribes, sees available at once and every published change after', async () => {
    await labs.start();
    const agent = await registered('1001');
    const senior = await registered('2001');
    const { response } = await subscribe(agent, '2001', 'presence');
    expect(response.status).toBe(200);
    expect(getHeader(response, 'Expires')).toBe('600');
    const first = await nextNotify(agent, 'presence');
    expect(getHeader(first, 'Subscription-State')).toMatch(/^active;expires=\d+$/);
    expect(kindOf(first)).toBe('available');

    const since = Date.UTC(2026, 11, 6, 9);
    expect(
      (await publish(senior, buildPidf({ entity: `sip:2001@${DOMAIN}`, kind: 'wrap-up', since, reason: '' }))).response.status,
    ).toBe(200);
    const wrapUp = await nextNotify(agent, 'presence');
    expect(kindOf(wrapUp)).toBe('wrap-up');
    const back = parsePidf(wrapUp.body.toString('utf8'));
    expect(back.ok && back.value.since).toBe(since);

    expect(
      (await publish(senior, buildPidf({ entity: `sip:2001@${DOMAIN}`, kind: 'break', reason: 'lunch' }))).response.status,
    ).toBe(200);
    const onBreak = await nextNotify(agent, 'presence');
    expect(parsePidf(onBreak.body.toString('utf8'))).toMatchObject({ ok: true, value: { kind: 'break', reason: 'lunch' } });

    await senior.close();
    expect(kindOf(await nextNotify(agent, 'presence'))).toBe('offline');
  });

  it("refuses to let one account publish another one's presence, and hostile PIDF", async () => {
    await labs.start();
    const agent = await registered('1001');
    await registered('2001');
    const forged = buildPidf({ entity: `sip:2001@${DOMAIN}`, kind: 'break', reason: 'gone' });
    expect((await publish(agent, forged, '2001')).response.status).toBe(403);
    const laughs =
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:1001@lab.test">&a;</presence>';
    expect((await publish(agent, laughs)).response.status).toBe(400);
    expect((await subscribe(agent, '2001', 'message-summary')).response.status).toBe(489);
    expect((await subscribe(agent, 'nobody', 'presence')).response.status).toBe(404);
  });

  it('the dialog package shows a colleague on a call (RFC 4235) and idle after', async () => {
    await labs.start();
    const watcher = await registered('1002');
    const agent = await registered('1001');
    const customer = await registered('9001');
    await subscribe(watcher, '1001', 'dialog');
    expect((await nextNotify(watcher, 'dialog')).body.toString()).not.toContain('<dialog ');
    const invite = await customer.sendAuthed({ method: 'INVITE', uri: `sip:1001@${DOMAIN}` }, PASSWORDS['9001']!);
    const offered = await agent.nextRequest('INVITE');
    agent.send(createResponse(offered, 200, { headers: [{ name: 'Contact', value: agent.contact }] }));
    const ok = await customer.response(invite, 200);
    expect(ok.status).toBe(200);
    const onCall = await nextNotify(watcher, 'dialog');
    expect(onCall.body.toString()).toContain('<state>confirmed</state>');
    customer.inDialog('BYE', invite, ok, false, 2);
    const bye = await agent.nextRequest('BYE');
    agent.send(createResponse(bye, 200));
    expect((await nextNotify(watcher, 'dialog')).body.toString()).not.toContain('<dialog ');
  });

  it('the queue board (x-warmline-queues): customers waiting, longest wait, members by state', async () => {
    await labs.start();
    const watcher = await registered('1001');
    await registered('2001');
    const customer = await registered('9001');
    const { response } = await subscribe(watcher, 'queues', 'x-warmline-queues');
    expect(response.status).toBe(200);
    const first = await nextNotify(watcher, 'x-warmline-queues');
    expect(getHeader(first, 'Content-Type')).toBe('application/json');
    const board = JSON.parse(first.body.toString()) as {
      queues: { name: string; waiting: number; members: Record<string, number> }[];
    };
    expect(board.queues.find((q) => q.name === 'senior')).toMatchObject({ waiting: 0, members: { available: 1, offline: 0 } });
    expect(board.queues.find((q) => q.name === 'support')?.members).toMatchObject({ available: 1, offline: 2 });

    await customer.sendAuthed(
      { method: 'INVITE', uri: `sip:senior@${DOMAIN}`, to: `<sip:senior@${DOMAIN}>` },
      PASSWORDS['9001']!,
    );
    let senior: { waiting: number; members: Record<string, number> } | undefined;
    await until(
      async () => {
        const n = await nextNotify(watcher, 'x-warmline-queues');
        senior = (JSON.parse(n.body.toString()) as typeof board).queues.find((q) => q.name === 'senior');
        return senior?.waiting === 1;
      },
      5_000,
      'a customer waiting in the senior queue',
    );
    expect(senior?.members.onCall).toBe(1);
  });

  it('a member who just signed in is free on the board during the wrap-up hold, not "on a call"', async () => {
    const lab = await labs.start({ queues: [{ name: 'senior', members: ['2001'], wrapUpSeconds: 30 }] });
    await registered('2001');
    const watcher = await registered('1001');
    await subscribe(watcher, 'queues', 'x-warmline-queues');
    const senior = parseQueueBoard((await nextNotify(watcher, 'x-warmline-queues')).body.toString())?.queues[0];
    expect(senior?.members).toEqual({ available: 1, onCall: 0, wrapUp: 0, break: 0, offline: 0 });
    // The hold itself stands: the lab's status tells it apart from available (the ACD offers only available members).
    const status = (await fetch(`${lab.url.replace('ws:', 'http:')}/status`).then((r) => r.json())) as {
      queues: { name: string; members: { user: string; state: string }[] }[];
    };
    expect(status.queues[0]?.members).toEqual([{ user: '2001', state: 'settling' }]);
  });

  it('the queue board lists the escalation consults in a queue: who escalates and whom it rings (not the customers)', async () => {
    await labs.start();
    const watcher = await registered('1001');
    const senior = await registered('2001');
    const [agent, customer] = [await registered('1002'), await registered('9001')];
    await subscribe(watcher, 'queues', 'x-warmline-queues');
    await customer.sendAuthed(
      { method: 'INVITE', uri: `sip:senior@${DOMAIN}`, to: `<sip:senior@${DOMAIN}>` },
      PASSWORDS['9001']!,
    );
    senior.reply(await senior.nextRequest('INVITE'), 486, { toTag: 'busy' });
    await agent.sendAuthed(
      {
        method: 'INVITE',
        uri: `sip:senior@${DOMAIN}`,
        to: `<sip:senior@${DOMAIN}>`,
        headers: [{ name: 'Request-Disposition', value: 'no-queue' }],
      },
      PASSWORDS['1002']!,
    );
    await senior.nextRequest('INVITE');
    let board: QueueBoard | undefined;
    await until(
      async () => {
        board = parseQueueBoard((await nextNotify(watcher, 'x-warmline-queues')).body.toString());
        return board?.queues.find((q) => q.name === 'senior')?.consults?.length === 1;
      },
      5_000,
      'the consult on the board',
    );
    const entry = board!.queues.find((q) => q.name === 'senior')!;
    expect(entry.consults).toEqual([{ from: '1002', waitedSeconds: expect.any(Number), ringing: '2001' }]);
    expect(entry.waiting).toBe(2);
    expect(entry.callTargetSeconds).toBe(300);
  });

  it('an unsubscribe (Expires: 0) ends the subscription with a final NOTIFY', async () => {
    await labs.start();
    const agent = await registered('1001');
    await registered('2001');
    const { request, response } = await subscribe(agent, '2001', 'presence');
    await nextNotify(agent, 'presence');
    const toWithTag = getHeader(response, 'To')!;
    const contact = /<([^>]+)>/.exec(getHeader(response, 'Contact')!)![1]!;
    const unsub = await agent.authed(
      {
        method: 'SUBSCRIBE',
        uri: contact,
        to: toWithTag,
        callId: getHeader(request, 'Call-ID'),
        headers: [
          { name: 'Event', value: 'presence' },
          { name: 'Expires', value: '0' },
        ],
      },
      PASSWORDS['1001']!,
    );
    expect(unsub.response.status).toBe(200);
    const last = await nextNotify(agent, 'presence');
    expect(getHeader(last, 'Subscription-State')).toMatch(/^terminated/);
  });
});
