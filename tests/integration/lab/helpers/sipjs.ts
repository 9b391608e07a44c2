// SIP.js 0.21 user agents as far ends, signalling only: a fake SessionDescriptionHandler stands in for WebRTC.
import { WebSocket } from 'ws';
import {
  type Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SIPExtension,
  type SessionState,
  UserAgent,
  type Session,
  type SessionDescriptionHandler,
} from 'sip.js';
import { DOMAIN } from './raw-client.js';

// SIP.js's transport uses the browser WebSocket API; Node 20 has none.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\n';

class FakeSdh implements SessionDescriptionHandler {
  close(): void {}
  getDescription() {
    return Promise.resolve({ body: SDP, contentType: 'application/sdp' });
  }
  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }
  setDescription(): Promise<void> {
    return Promise.resolve();
  }
  sendDtmf(): boolean {
    return false;
  }
}

export interface SipjsAgent {
  readonly ua: UserAgent;
  readonly invitations: Invitation[];
  register(): Promise<void>;
  call(target: string): Inviter;
  nextInvitation(timeoutMs?: number): Promise<Invitation>;
  stop(): Promise<void>;
}

export async function sipjsAgent(url: string, user: string, password: string): Promise<SipjsAgent> {
  const invitations: Invitation[] = [];
  const waiters: Array<(i: Invitation) => void> = [];
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${DOMAIN}`)!,
    transportOptions: { server: url },
    authorizationUsername: user,
    authorizationPassword: password,
    sessionDescriptionHandlerFactory: () => new FakeSdh(),
    sipExtensionReplaces: SIPExtension.Supported,
    logBuiltinEnabled: process.env.SIPJS_LOG === '1',
    delegate: {
      onInvite: (invitation) => {
        const waiter = waiters.shift();
        if (waiter) waiter(invitation);
        else invitations.push(invitation);
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  return {
    ua,
    invitations,
    register: () =>
      new Promise<void>((resolve, reject) => {
        registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
        void registerer.register({
          requestDelegate: { onReject: (r) => reject(new Error(`REGISTER rejected ${r.message.statusCode}`)) },
        });
      }),
    call: (target) => new Inviter(ua, UserAgent.makeURI(target)!),
    nextInvitation: (timeoutMs = 5_000) => {
      const ready = invitations.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${user}: no INVITE within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((i) => (clearTimeout(timer), resolve(i)));
      });
    },
    stop: () => ua.stop(),
  };
}

export function sessionState(session: Session, wanted: SessionState, timeoutMs = 5_000): Promise<void> {
  if (session.state === wanted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`session never reached ${wanted} (is ${session.state})`)), timeoutMs);
    session.stateChange.addListener((s) => {
      if (s === wanted) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
