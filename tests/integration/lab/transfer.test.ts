import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionState, type Invitation, type Inviter } from 'sip.js';
import type { LabServer } from '../../../electron/lab/server.js';
import { DOMAIN } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab, until } from './helpers/lab.js';
import { sessionState, sipjsAgent, type SipjsAgent } from './helpers/sipjs.js';

let lab: LabServer;
beforeAll(async () => {
  lab = await startTestLab();
});
afterAll(() => lab.close());

async function call(from: SipjsAgent, to: SipjsAgent, target: string): Promise<{ out: Inviter; in: Invitation }> {
  const out = from.call(target);
  void out.invite();
  const incoming = await to.nextInvitation();
  await incoming.accept();
  await sessionState(out, SessionState.Established);
  return { out, in: incoming };
}

describe('transfer through the proxy', () => {
  it('agent consults the senior, then REFERs the customer with Replaces and the customer lands on the senior', async () => {
    const customer = await sipjsAgent(lab.url, '9001', PASSWORDS['9001']!);
    const agent = await sipjsAgent(lab.url, '1001', PASSWORDS['1001']!);
    const senior = await sipjsAgent(lab.url, '2001', PASSWORDS['2001']!);
    await Promise.all([customer.register(), agent.register(), senior.register()]);

    const first = await call(customer, agent, `sip:1001@${DOMAIN}`);
    const consult = await call(agent, senior, `sip:2001@${DOMAIN}`);

    // Attended transfer (RFC 5589 §7): REFER to the customer with Refer-To carrying Replaces of the consult dialog.
    let accepted = false;
    const notifications: string[] = [];
    await first.in.refer(consult.out, {
      requestDelegate: { onAccept: () => void (accepted = true) },
      onNotify: (n) => {
        notifications.push(n.request.body);
        n.accept();
      },
    });
    await until(() => accepted, 5_000, 'REFER accepted');

    // The customer's INVITE with Replaces reaches the senior through the proxy; SIP.js there swaps the dialogs.
    const replacing = await senior.nextInvitation();
    expect(replacing.request.getHeader('Replaces')).toContain(consult.out.request.callId);
    expect(replacing.replacee).toBe(consult.in);
    await replacing.accept();
    await sessionState(consult.in, SessionState.Terminated); // the senior's leg to the agent is replaced (BYE)
    await sessionState(consult.out, SessionState.Terminated);
    expect(replacing.state).toBe(SessionState.Established);
    // RFC 3515 §2.4.5: the customer reports the outcome to the agent in NOTIFYs (sipfrag), in dialog through us.
    await until(() => notifications.some((b) => b.includes('SIP/2.0 200')), 5_000, 'NOTIFY with 200 sipfrag');

    await first.in.bye();
    await sessionState(first.out, SessionState.Terminated);
    await until(
      () => {
        const calls = lab.status()['calls'] as Array<{ users: string[] }>;
        return calls.length === 1 && calls[0]!.users.includes('2001') && calls[0]!.users.includes('9001');
      },
      5_000,
      'only the customer–senior call left',
    );
    await Promise.all([customer.stop(), agent.stop(), senior.stop()]);
  });
});
