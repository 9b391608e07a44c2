import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UA } from 'jssip';
import { FakeSocket, firstLine } from './fake-socket.test-support';

/**
 * Issue 12's flake, at the lowest level: a server that answers an INVITE "100 Trying" before it
 * challenges it (the lab does, RFC 3261 §16.2) put JsSIP's session in "1xx received" while the
 * authenticated INVITE's own transaction had no provisional yet. Hanging up in that window sent no
 * CANCEL at all (JsSIP drops a CANCEL whose transaction is not Proceeding, and never tries again), so
 * the callee rang on for its whole ring time. patches/jssip+3.13.8.patch defers the CANCEL instead.
 */

/** Just enough of RTCPeerConnection for JsSIP to build an offer: no media is exchanged in these tests. */
class OfferOnlyPeerConnection {
  iceGatheringState = 'complete';
  iceConnectionState = 'new';
  signalingState = 'stable';
  localDescription: { type: string; sdp: string } | null = null;
  addEventListener(): void {}
  removeEventListener(): void {}
  addTrack(): void {}
  getSenders(): [] {
    return [];
  }
  getReceivers(): [] {
    return [];
  }
  createOffer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' });
  }
  setLocalDescription(desc: { type: string; sdp: string }): Promise<void> {
    this.localDescription = desc;
    return Promise.resolve();
  }
  close(): void {}
}

const CHALLENGE = 'Proxy-Authenticate: Digest realm="warmline.test", nonce="n1", algorithm=MD5, qop="auth"';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const cseqOf = (message: string): string => /^CSeq: (\d+)/im.exec(message)?.[1] ?? '';

/** A UA calling through a server that sends 100 then 407 to the first INVITE, and leaves the second to the test. */
async function callThroughChallengingServer(): Promise<{
  socket: FakeSocket;
  session: ReturnType<UA['call']>;
  invites: string[];
  ua: UA;
}> {
  const socket = new FakeSocket();
  const invites: string[] = [];
  socket.serve = (message, s) => {
    if (!message.startsWith('INVITE')) return;
    invites.push(message);
    if (/^Proxy-Authorization:/im.test(message)) return;
    s.deliver(FakeSocket.reply(message, '100 Trying'));
    s.deliver(FakeSocket.reply(message, '407 Proxy Authentication Required', [CHALLENGE]));
  };
  const ua = new UA({
    sockets: [socket.asSocket()],
    uri: 'sip:1001@warmline.test',
    password: 'secret',
    register: false,
  });
  ua.start();
  await until(() => ua.isConnected());
  const session = ua.call('sip:senior@warmline.test', {
    mediaStream: { getTracks: () => [] } as unknown as MediaStream,
    mediaConstraints: { audio: true, video: false },
  });
  await until(() => invites.length === 2);
  return { socket, session, invites, ua };
}

describe('hanging up while an authenticated INVITE has no provisional response yet (issue 12)', () => {
  beforeEach(() => {
    vi.stubGlobal('RTCPeerConnection', OfferOnlyPeerConnection);
    vi.stubGlobal('window', { RTCPeerConnection: OfferOnlyPeerConnection });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the CANCEL for that INVITE once its 100 arrives', async () => {
    const { socket, session, invites, ua } = await callThroughChallengingServer();
    session.terminate();
    expect(session.isEnded()).toBe(true);
    const second = invites[1]!;
    socket.deliver(FakeSocket.reply(second, '100 Trying'));
    await until(() => socket.sent.some((m) => firstLine(m).startsWith('CANCEL')));
    const cancel = socket.sent.find((m) => firstLine(m).startsWith('CANCEL'))!;
    expect(cseqOf(cancel)).toBe(cseqOf(second));
    ua.stop();
  });

  it('acknowledges and ends a 200 OK that raced the hang-up, so the callee is not left in a call', async () => {
    const { socket, session, invites, ua } = await callThroughChallengingServer();
    session.terminate();
    const second = invites[1]!;
    const contact = 'Contact: <sip:2001@127.0.0.1:5066;transport=ws>';
    socket.deliver(FakeSocket.reply(second, '200 OK', [contact, 'Record-Route: <sip:127.0.0.1:5066;transport=ws;lr>']));
    await until(() => socket.sent.some((m) => firstLine(m).startsWith('BYE')));
    expect(socket.sent.some((m) => firstLine(m).startsWith('ACK'))).toBe(true);
    ua.stop();
  });
});
