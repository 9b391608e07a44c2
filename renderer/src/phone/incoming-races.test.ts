import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket, firstLine } from './fake-socket.test-support';
import { invite, registeredPhone, ringingPhone, until } from './ringing-phone.test-support';
import { SESSION_ANSWERED, TRANSACTION_TERMINATED } from './call';

/**
 * Issue 13, where the network and the agent race an incoming call.
 *
 * The WebSocket drops while a call rings. JsSIP destroys the INVITE's server transaction
 * with the connection but left the session ringing, so the desk showed a card that Answer could
 * not pick up (its 200 OK had no transaction to go out on), and whose presence refused the
 * proxy's new offer of the same call with 486.
 */
describe('a call ringing when the WebSocket drops', () => {
  it("reads JsSIP's own numbers for a terminated transaction and an answered session", async () => {
    // lib/Transactions.js exports its C (untyped); a JsSIP upgrade that renumbers them fails here.
    const transactions = (await import('jssip/lib/Transactions' as string)) as { C: Record<string, number> };
    const session = (await import('jssip/lib/RTCSession' as string)) as { default: { C: Record<string, number> } };
    expect(TRANSACTION_TERMINATED).toBe(transactions.C['STATUS_TERMINATED']);
    expect(SESSION_ANSWERED).toBe(session.default.C['STATUS_ANSWERED']);
  });

  // JsSIP takes an INVITE only where WebRTC exists; no media is exchanged here (the call is never answered).
  beforeEach(() => vi.stubGlobal('window', { RTCPeerConnection: class {} }));
  afterEach(() => vi.unstubAllGlobals());

  it('is withdrawn from the desk (not ended: no history, no missed-call break), and the same call offered again rings', async () => {
    const { phone, socket, events } = await ringingPhone();
    const first = phone.calls()[0]!.callId;

    socket.disconnect();
    socket.ondisconnect(true, 1006, 'network');
    await until(() => events.some((e) => e.type === 'offer-lost'));
    expect(events.filter((e) => e.type === 'offer-lost')).toEqual([{ type: 'offer-lost', callId: first }]);
    expect(events.some((e) => e.type === 'ended')).toBe(false);
    expect(phone.calls()).toEqual([]);

    // Back on a new connection, the proxy offers the same call again (same Call-ID, From tag and CSeq,
    // a new branch): it rings as a new card, not refused as a merged request (482).
    socket.connect();
    await until(() => phone.registration.state === 'registered');
    const sent = socket.sent.length;
    socket.deliver(invite('z9hG4bKagain'));
    await until(() => events.filter((e) => e.type === 'incoming').length === 2);
    expect(socket.sent.slice(sent).map(firstLine)).toContain('SIP/2.0 180 Ringing');
    expect(phone.calls()).toHaveLength(1);
    expect(phone.calls()[0]!.callId).not.toBe(first);
    await phone.stop();
  });
});

describe('a call offered as the agent signs out', () => {
  beforeEach(() => vi.stubGlobal('window', { RTCPeerConnection: class {} }));
  afterEach(() => vi.unstubAllGlobals());

  it('is refused 480 Temporarily Unavailable (not logged in, RFC 3261 §21.4.18), not 486 Busy Here, and the agent is told', async () => {
    const socket = new FakeSocket();
    socket.serve = (message, s) => {
      if (!message.startsWith('REGISTER')) return;
      // The un-REGISTER is answered only after the INVITE that crossed it arrived.
      if (/^Expires: 0/im.test(message) || /expires=0/i.test(message))
        setTimeout(() => s.deliver(FakeSocket.reply(message, '200 OK')), 20);
      else {
        const contact = /^Contact: (.*)$/im.exec(message)?.[1] ?? '';
        s.deliver(FakeSocket.reply(message, '200 OK', [`Contact: ${contact};expires=300`]));
      }
    };
    const { phone, events } = await registeredPhone(socket);

    // Sign out, as the store does it: not available any more, then the phone stops.
    phone.setAvailable(false);
    const stopped = phone.stop();
    const sent = socket.sent.length;
    socket.deliver(invite('z9hG4bKcrossed'));
    await until(() => events.some((e) => e.type === 'refused'));
    expect(events.find((e) => e.type === 'refused')).toMatchObject({ type: 'refused', status: 480 });
    expect(socket.sent.slice(sent).map(firstLine)).toContain('SIP/2.0 480 Temporarily Unavailable');
    await stopped;
    expect(phone.registration.state).toBe('stopped');
  });

  it('on a break (signed in, not available) the call is refused 486 Busy Here, as before', async () => {
    const { phone, socket, events } = await ringingPhone();
    phone.setAvailable(false);
    const sent = socket.sent.length;
    socket.deliver(invite('z9hG4bKbreak').replace('queue-call-1', 'queue-call-2'));
    await until(() => events.some((e) => e.type === 'refused'));
    expect(events.find((e) => e.type === 'refused')).toMatchObject({ type: 'refused', status: 486 });
    expect(socket.sent.slice(sent).map(firstLine)).toContain('SIP/2.0 486 Busy Here');
    await phone.stop();
  });
});
