import type { IncomingDTMFEvent, OutgoingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { endCause } from './causes';
import { boundIceGathering } from './ice';
import { DECLINE_REASONS, type CallId, type CallInfo, type DeclineReason, type EndedBy, type PhoneEvent } from './events';

type Emit = (event: PhoneEvent) => void;

/** JsSIP's INVITE server transaction (lib/Transactions.js, untyped in its .d.ts): the part read here. */
interface ServerTransaction {
  readonly state: number;
  on(event: 'stateChanged', listener: () => void): unknown;
  removeListener(event: 'stateChanged', listener: () => void): unknown;
}
/** JsSIP 3.13's numbers (Transactions.C.STATUS_TERMINATED, RTCSession.C.STATUS_ANSWERED), as constants: bytes at start. */
export const TRANSACTION_TERMINATED = 6;
export const SESSION_ANSWERED = 5;

const RESUME_TIMEOUT_MS = 10_000;

/** JsSIP's EventEmitter, for the events our patch adds (`hold:failed`, `unhold:failed`). */
interface Untyped {
  on(event: string, listener: (data: { response?: { status_code?: number } }) => void): unknown;
}

/**
 * One call: a JsSIP RTCSession seen through our events. Holds the little state JsSIP does not
 * expose in a usable form (hold pending, the remote stream, whether the call was refused).
 */
export class Call {
  readonly info: CallInfo;
  readonly session: RTCSession;
  #emit: Emit;
  #remoteStream: MediaStream | undefined;
  #holdPending = false;
  #answered = false;
  #silentEnd = false;
  readonly #resumeWaiters: ((ok: boolean) => void)[] = [];
  #onRemoteStream: (call: Call) => void;

  constructor(info: CallInfo, session: RTCSession, emit: Emit, onRemoteStream: (call: Call) => void) {
    this.info = info;
    this.session = session;
    this.#emit = emit;
    this.#onRemoteStream = onRemoteStream;
    this.#wire();
    boundIceGathering(session);
    // For an outgoing call JsSIP creates the peer connection (and emits 'peerconnection')
    // inside ua.call(), before we could listen: pick it up here.
    if (session.connection) this.#watchPeerConnection(session.connection);
  }

  get id(): CallId {
    return this.info.callId;
  }

  get answered(): boolean {
    return this.#answered;
  }

  get remoteStream(): MediaStream | undefined {
    return this.#remoteStream;
  }

  get onHold(): boolean {
    return this.session.isOnHold().local;
  }

  /** End without an `ended` event: the caller already reported the call (a refused one). */
  endSilently(status: number): void {
    this.#silentEnd = true;
    this.session.terminate({ status_code: status });
  }

  /**
   * JsSIP destroys an incoming INVITE's server transaction when the WebSocket it came on drops, but
   * leaves the session ringing: Answer then builds a 200 OK that has no transaction to go out on
   * (and a response may only go back on the connection the request came on, RFC 3261 §18.2.2), so
   * the card could never be picked up, and, there, it kept the desk from taking the server's new
   * offer of the same call. The session ends here without a word on the wire; the desk is told the
   * offer is gone ('offer-lost'), not that a call ended.
   *
   * Once the 200 OK has gone out ('accepted') or the call ended, the offer can no longer be lost: the
   * listener goes, because the transaction outlives the call by up to 32 s (Timer L after a 2xx, H after
   * a refusal) and through it would keep this call, its session, peer connection and streams reachable.
   */
  watchOffer(request: IncomingRequest): void {
    const transaction = (request as unknown as { server_transaction: ServerTransaction }).server_transaction;
    const onState = (): void => {
      // Only a transport error ends the transaction of a call still ringing or being answered (200 not sent yet).
      if (transaction.state !== TRANSACTION_TERMINATED || this.session.status > SESSION_ANSWERED) return;
      this.#silentEnd = true;
      this.session.terminate();
      this.#emit({ type: 'offer-lost', callId: this.id });
    };
    const release = (): void => void transaction.removeListener('stateChanged', onState);
    transaction.on('stateChanged', onState);
    this.session.on('accepted', release);
    this.session.on('ended', release);
    this.session.on('failed', release);
  }

  hold(): boolean {
    if (this.#holdPending || this.onHold) return false;
    this.#holdPending = true;
    const started = this.session.hold({}, () => {
      this.#holdPending = false;
      this.#emit({ type: 'held', callId: this.id, by: 'local' });
    });
    if (!started) this.#holdPending = false;
    return started;
  }

  resume(): boolean {
    if (this.#holdPending || !this.onHold) return false;
    this.#holdPending = true;
    const started = this.session.unhold({}, () => {
      this.#holdPending = false;
      this.#onRemoteStream(this);
      this.#emit({ type: 'resumed', callId: this.id, by: 'local' });
      this.#settleResume(true);
    });
    if (!started) this.#holdPending = false;
    return started;
  }

  /** Resumes if held and waits for the far end's answer: false if it refused, the call ended, or 10 s passed. */
  resumed(): Promise<boolean> {
    if (!this.onHold) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#settleResume(false), RESUME_TIMEOUT_MS);
      this.#resumeWaiters.push((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
      if (!this.resume() && !this.#holdPending) this.#settleResume(false);
    });
  }

  #settleResume(ok: boolean): void {
    for (const settle of this.#resumeWaiters.splice(0)) settle(ok);
  }

  #wire(): void {
    const s = this.session;
    s.on('peerconnection', ({ peerconnection }) => this.#watchPeerConnection(peerconnection));
    s.on('progress', (data: { response?: unknown }) => {
      if (this.info.direction !== 'outbound') return;
      const queued = (data.response as { status_code?: number } | undefined)?.status_code === 182;
      this.#emit(queued ? { type: 'ringing', callId: this.id, queued } : { type: 'ringing', callId: this.id });
    });
    s.on('confirmed', () => {
      this.#answered = true;
      this.#onRemoteStream(this);
      this.#emit({ type: 'answered', callId: this.id });
    });
    // Local hold and resume are reported when the re-INVITE succeeded (see hold()); JsSIP's
    // own hold/unhold events fire before the far end has answered, so only remote ones count.
    s.on('hold', ({ originator }) => {
      if (originator === 'remote') this.#emit({ type: 'held', callId: this.id, by: 'remote' });
    });
    s.on('unhold', ({ originator }) => {
      if (originator === 'remote') this.#emit({ type: 'resumed', callId: this.id, by: 'remote' });
    });
    s.on('muted', ({ audio }) => {
      if (audio) this.#emit({ type: 'muted', callId: this.id });
    });
    s.on('unmuted', ({ audio }) => {
      if (audio) this.#emit({ type: 'unmuted', callId: this.id });
    });
    s.on('newDTMF', (event: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      // INFO digits we sent; RFC 4733 digits are reported by the RTCDTMFSender below.
      if (event.originator === 'local') this.#emit({ type: 'dtmf-sent', callId: this.id, digit: event.dtmf.tone });
    });
    const untyped = s as unknown as Untyped;
    untyped.on('hold:failed', ({ response }) => this.#holdFailed(response?.status_code, false));
    untyped.on('unhold:failed', ({ response }) => this.#holdFailed(response?.status_code, true));
    s.on('ended', ({ originator, cause, message }) => this.#ended(originator, cause, message));
    s.on('failed', ({ originator, cause, message }) => this.#ended(originator, cause, message));
  }

  #holdFailed(status: number | undefined, resuming: boolean): void {
    this.#holdPending = false;
    if (resuming) this.#settleResume(false);
    this.#emit({ type: 'hold-failed', callId: this.id, status: status ?? 0, resuming });
  }

  #ended(originator: string, cause: string | undefined, message: unknown): void {
    this.#settleResume(false);
    if (this.#silentEnd) return;
    const status = statusOf(message);
    const by: EndedBy = originator === 'local' ? 'local' : originator === 'remote' ? 'remote' : 'system';
    const declineReason = declineReasonOf(message);
    this.#emit({
      type: 'ended',
      callId: this.id,
      cause: endCause(cause, status),
      by,
      ...(status === undefined ? {} : { status }),
      ...(declineReason ? { declineReason } : {}),
    });
  }

  #watchPeerConnection(pc: RTCPeerConnection): void {
    pc.addEventListener('track', (event) => {
      if (event.track.kind !== 'audio') return;
      this.#remoteStream = event.streams[0] ?? new MediaStream([event.track]);
      if (this.#answered) this.#onRemoteStream(this);
    });
    // RFC 4733 digits leave through the audio sender's RTCDTMFSender; JsSIP emits nothing for them.
    let dtmfWatched = false;
    const watchDtmf = (): void => {
      const sender = pc.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      if (dtmfWatched || !sender?.dtmf) return;
      dtmfWatched = true;
      sender.dtmf.addEventListener('tonechange', (event) => {
        if (event.tone !== '') this.#emit({ type: 'dtmf-sent', callId: this.id, digit: event.tone });
      });
    };
    pc.addEventListener('signalingstatechange', watchDtmf);
    watchDtmf();
  }
}

function statusOf(message: unknown): number | undefined {
  if (message && typeof message === 'object' && 'status_code' in message) {
    const code = (message as { status_code: unknown }).status_code;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

/** `Reason: SIP;cause=603;text="not-my-expertise"` on a final response: only our own tokens are believed. */
function declineReasonOf(message: unknown): DeclineReason | undefined {
  if (!message || typeof message !== 'object' || !('getHeader' in message)) return undefined;
  const header = (message as { getHeader(name: string): string | undefined }).getHeader('Reason');
  const text = typeof header === 'string' ? /text="([a-z-]{1,40})"/.exec(header)?.[1] : undefined;
  return DECLINE_REASONS.find((r) => r === text);
}
