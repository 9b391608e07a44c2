import { describe, expect, it } from 'vitest';
import { UA } from 'jssip';
import { FakeSocket, firstLine } from './fake-socket.test-support';

/**
 * Issue 13's model run (seed 20261222, sequence 40): a sign-in change saved during a call is
 * applied when the call ends, so the old user agent stops while its last transactions finish
 * (JsSIP keeps the socket for up to 2 s). The queue offered the next customer on that socket in
 * the same instant, and the closing UA dropped the INVITE without a word: the customer waited for
 * the connection to close (2 s) before the queue tried again, and the lab showed the agent ringing
 * while the desk did not. patches/jssip+3.13.8.patch answers such a new request 480 at once, so the
 * server offers it again on the new registration.
 */

const INVITE = [
  'INVITE sip:1001@127.0.0.1:5066;transport=ws SIP/2.0',
  'Via: SIP/2.0/WS 127.0.0.1:5090;branch=z9hG4bKoffer1',
  'Max-Forwards: 69',
  'From: <sip:9001@warmline.lab>;tag=cust1',
  'To: <sip:support@warmline.lab>',
  'Call-ID: offer-while-closing',
  'CSeq: 1 INVITE',
  'Contact: <sip:9001@127.0.0.1:5090;transport=ws>',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('a JsSIP user agent that is closing', () => {
  it('answers a new INVITE 480 at once instead of dropping it', async () => {
    const socket = new FakeSocket();
    socket.serve = (message, s) => {
      // REGISTER and the un-REGISTER: 200, so the UA registers and then has a transaction pending at stop().
      if (!message.startsWith('REGISTER')) return;
      const contact = /^Contact: ([^\r\n]+)$/im.exec(message)?.[1] ?? '';
      s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=300`]));
    };
    const ua = new UA({ sockets: [socket.asSocket()], uri: 'sip:1001@warmline.lab', password: 'x', register: true });
    ua.start();
    for (let i = 0; i < 200 && !ua.isRegistered(); i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(ua.isRegistered()).toBe(true);
    socket.serve = () => undefined; // the un-REGISTER stays pending: the UA keeps its socket while closing
    ua.stop();
    const before = socket.sent.length;
    socket.deliver(INVITE);
    const answers = socket.sent.slice(before).filter((m) => /^SIP\/2\.0 /.test(m));
    expect(answers.map(firstLine)).toEqual(['SIP/2.0 480 Temporarily Unavailable']);
    expect(answers[0]).toMatch(/^Call-ID: offer-while-closing$/m);
  });

  it('still drops an ACK (nothing to answer)', async () => {
    const socket = new FakeSocket();
    const ua = new UA({ sockets: [socket.asSocket()], uri: 'sip:1001@warmline.lab', password: 'x', register: false });
    ua.start();
    await new Promise((r) => setTimeout(r, 10));
    ua.stop();
    const before = socket.sent.length;
    socket.deliver(INVITE.replace('INVITE sip:', 'ACK sip:').replace('CSeq: 1 INVITE', 'CSeq: 1 ACK'));
    expect(socket.sent.slice(before)).toEqual([]);
  });
});
