/**
 * The far end of end-to-end calls (customer, senior, technical agent): SIP.js 0.21 in its own
 * page, an implementation independent of JsSIP, so a shared bug cannot hide itself. Driven
 * from the test through `window.farEnd`.
 */
import { Invitation, Inviter, Registerer, RegistererState, type Session, SessionState, UserAgent, Web } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import { hears, inboundAudioBytes, readTone, toneStream, type ToneReading } from '../browser-audio';

export interface FarEndOptions {
  readonly wsUrl: string;
  readonly uri: string;
  readonly password: string;
  readonly displayName?: string;
  /** The tone this party "speaks", in Hz. */
  readonly toneHz: number;
  /** Answer incoming calls by itself (when the agent dials out to this party). */
  readonly autoAnswer?: boolean;
  /** ICE servers and policy of this party's peer connections (e.g. relay only, through a test's TURN). */
  readonly rtcConfiguration?: RTCConfiguration;
}

export interface FarEndState {
  readonly registered: boolean;
  readonly session: 'none' | SessionState;
  /** Final response to our INVITE (486 when the agent rejects, 200 when answered). */
  readonly finalStatus?: number;
  readonly infoDigits: string;
  /** Bodies of the INFO requests received in the current session that were not DTMF, in order. */
  readonly infoBodies: readonly string[];
  readonly referTo?: string;
  /** The last REFER as it arrived, every header: what the customer's phone could read of a transfer. */
  readonly referText?: string;
  readonly dialog?: { readonly callId: string; readonly localTag: string; readonly remoteTag: string };
  /** When the last initial INVITE left for the server (performance.timeOrigin + now), for benchmarks. */
  readonly inviteSentAt?: number;
  /** When the last incoming INVITE arrived (performance.timeOrigin + now), for benchmarks. */
  readonly invitedAt?: number;
  /** The last INVITE that called us: when it arrived (performance.timeOrigin + now) and its SDP offer. */
  readonly invited?: { readonly at: number; readonly sdp: string };
  /** When the final response to our last INVITE arrived (performance.timeOrigin + now) and its SDP. */
  readonly final?: { readonly at: number; readonly sdp: string };
}

class FarEnd {
  #ua: UserAgent | undefined;
  #registerer: Registerer | undefined;
  #session: Session | undefined;
  #options: FarEndOptions | undefined;
  #finalStatus: number | undefined;
  #infoDigits = '';
  #infoBodies: string[] = [];
  #referTo: string | undefined;
  #referText: string | undefined;
  #inviteSentAt: number | undefined;
  #invited: { at: number; sdp: string } | undefined;
  #final: { at: number; sdp: string } | undefined;
  #sessions = 0;
  #refuseRefer: number | undefined;
  #invitedAt: number | undefined;

  async register(options: FarEndOptions): Promise<void> {
    this.#options = options;
    const uri = UserAgent.makeURI(options.uri);
    if (!uri) throw new Error(`bad URI ${options.uri}`);
    const ua = new UserAgent({
      uri,
      transportOptions: { server: options.wsUrl },
      authorizationUsername: uri.user,
      authorizationPassword: options.password,
      displayName: options.displayName ?? '',
      logLevel: 'warn',
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(async () => toneStream(options.toneHz)),
      ...(options.rtcConfiguration
        ? { sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: options.rtcConfiguration } }
        : {}),
      delegate: { onInvite: (invitation) => this.#incoming(invitation) },
    });
    this.#ua = ua;
    this.#timeInvites(ua);
    await ua.start();
    // Refresh at 80 % of the 300 s, not SIP.js's default 99 % (3 s before expiry): on the loaded test machine the
    // refresh came late, the registration lapsed for a moment, and a consult to this far end was answered 480
    // "no member signed in" (the soak's call 83, issue 14). JsSIP, the app's stack, refreshes at 50-100 % - 32 s.
    const registerer = new Registerer(ua, { expires: 300, refreshFrequency: 80 });
    this.#registerer = registerer;
    await new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
      registerer.register({ requestDelegate: { onReject: (r) => reject(new Error(`REGISTER ${r.message.statusCode}`)) } });
    });
  }

  call(target: string, extraHeaders: readonly string[] = []): void {
    const ua = this.#ua;
    const uri = UserAgent.makeURI(target);
    if (!ua || !uri) throw new Error('not registered or bad target');
    const inviter = new Inviter(ua, uri, { extraHeaders: [...extraHeaders] });
    this.#adopt(inviter);
    this.#finalStatus = undefined;
    this.#final = undefined;
    void inviter.invite({
      requestDelegate: {
        onAccept: (response: IncomingResponse) => {
          this.#final = { at: performance.timeOrigin + performance.now(), sdp: response.message.body };
          this.#finalStatus = response.message.statusCode;
        },
        onReject: (response: IncomingResponse) => (this.#finalStatus = response.message.statusCode),
      },
    });
  }

  async hangup(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
    else if (session instanceof Invitation) await session.reject();
  }

  /** Puts the agent on hold (a=sendonly re-INVITE, as SIP.js does it) or takes them off. */
  async hold(on: boolean): Promise<void> {
    const session = this.#session;
    if (!session) throw new Error('no session');
    session.sessionDescriptionHandlerOptionsReInvite = { hold: on } as Web.SessionDescriptionHandlerOptions;
    await new Promise<void>((resolve, reject) => {
      void session.invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => reject(new Error(`re-INVITE ${response.message.statusCode}`)),
        },
      });
    });
  }

  /** The next re-INVITE cannot be accepted (as a PBX without a matching codec would): 488. */
  rejectNextReinvite(): void {
    const sdh = this.#session?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!sdh) throw new Error('no media session');
    const original = sdh.setDescription.bind(sdh);
    sdh.setDescription = () => {
      sdh.setDescription = original;
      return Promise.reject(new Error('test: refusing this offer'));
    };
  }

  /** The next REFER is answered with this final status instead of followed (a phone that refuses transfers). */
  refuseNextRefer(status: number): void {
    this.#refuseRefer = status;
  }

  /** Sends an INFO in the current dialog with this body and extra headers; resolves to the final status. */
  info(contentType: string, body: string, headers: readonly string[] = []): Promise<number> {
    const session = this.#session;
    if (!session) throw new Error('no session');
    return new Promise((resolve) => {
      void session.info({
        requestDelegate: {
          onAccept: (response) => resolve(response.message.statusCode ?? 0),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
        requestOptions: {
          body: { contentDisposition: 'render', contentType, content: body },
          extraHeaders: [...headers],
        },
      });
    });
  }

  /** An in-dialog NOTIFY without the mandatory Event header (RFC 6665 §8.2.1); resolves to the status. */
  notifyWithoutEvent(): Promise<number> {
    const dialog = this.#session?.dialog;
    if (!dialog) throw new Error('no dialog');
    return new Promise((resolve) => {
      dialog.notify({
        onAccept: (response) => resolve(response.message.statusCode ?? 0),
        onReject: (response) => resolve(response.message.statusCode ?? 0),
      });
    });
  }

  /** Marks the moment an initial INVITE is handed to the WebSocket: after SDP and ICE, as the server sees it. */
  #timeInvites(ua: UserAgent): void {
    const transport = ua.transport as unknown as { send(message: string): Promise<void> };
    const send = transport.send.bind(transport);
    transport.send = (message: string) => {
      if (message.startsWith('INVITE ') && !/^To:.*;tag=/im.test(message))
        this.#inviteSentAt = performance.timeOrigin + performance.now();
      return send(message);
    };
  }

  state(): FarEndState {
    const dialog = this.#session?.dialog;
    return {
      registered: this.#registerer?.state === RegistererState.Registered,
      session: this.#session?.state ?? 'none',
      ...(this.#finalStatus === undefined ? {} : { finalStatus: this.#finalStatus }),
      infoDigits: this.#infoDigits,
      infoBodies: [...this.#infoBodies],
      ...(this.#referTo === undefined ? {} : { referTo: this.#referTo }),
      ...(this.#referText === undefined ? {} : { referText: this.#referText }),
      ...(dialog ? { dialog: { callId: dialog.callId, localTag: dialog.localTag, remoteTag: dialog.remoteTag } } : {}),
      ...(this.#inviteSentAt === undefined ? {} : { inviteSentAt: this.#inviteSentAt }),
      ...(this.#invitedAt === undefined ? {} : { invitedAt: this.#invitedAt }),
      ...(this.#invited === undefined ? {} : { invited: this.#invited }),
      ...(this.#final === undefined ? {} : { final: this.#final }),
    };
  }

  hear(): ToneReading & { readonly stream: boolean } {
    const stream = this.#sdh()?.remoteMediaStream;
    if (!stream || stream.getAudioTracks().length === 0) return { peakHz: 0, peakDb: -200, stream: false };
    return { ...readTone(stream), stream: true };
  }

  hearsTone(frequency: number): boolean {
    return hears(this.hear(), frequency);
  }

  /**
   * Resolves with the time (performance.timeOrigin + now) the first audio arrives on a session
   * newer than the `after`-th one: a transfer's new dialog. Polls getStats every millisecond.
   */
  async firstAudioOnSessionAfter(after: number, timeoutMs = 20_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.#sessions > after && (await this.inboundBytes()) > 0) return performance.timeOrigin + performance.now();
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error('no audio on a new session');
  }

  get sessionCount(): number {
    return this.#sessions;
  }

  inboundBytes(): Promise<number> {
    return inboundAudioBytes(this.#sdh()?.peerConnection);
  }

  async stop(): Promise<void> {
    await this.#ua?.stop();
  }

  #sdh(): Web.SessionDescriptionHandler | undefined {
    return this.#session?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  }

  #incoming(invitation: Invitation): void {
    this.#invitedAt = performance.timeOrigin + performance.now();
    this.#invited = { at: performance.timeOrigin + performance.now(), sdp: invitation.request.body ?? '' };
    this.#adopt(invitation);
    if (this.#options?.autoAnswer) void invitation.accept();
  }

  #adopt(session: Session): void {
    this.#session = session;
    this.#sessions += 1;
    this.#infoDigits = '';
    this.#infoBodies = [];
    this.#referTo = undefined;
    session.delegate = {
      onInfo: (info) => {
        // application/dtmf-relay: "Signal=5\r\nDuration=120"
        const signal = /Signal\s*=\s*([0-9A-D*#])/i.exec(info.request.body ?? '');
        if (signal?.[1]) this.#infoDigits += signal[1].toUpperCase();
        else this.#infoBodies.push(info.request.body ?? '');
        void info.accept();
      },
      onRefer: (referral) => {
        const referTo = referral.request.getHeader('Refer-To');
        this.#referText = referral.request.data;
        const refuse = this.#refuseRefer;
        if (refuse !== undefined) {
          this.#refuseRefer = undefined;
          this.#referTo = referTo;
          void referral.reject({ statusCode: refuse });
          return;
        }
        // Follow the transfer as a phone does (RFC 3515/5589): accept, then call the new party
        // (with Replaces when the Refer-To carries one). The NOTIFY back to the transferor is
        // sent by SIP.js's referred Inviter. The old leg is left for the transferor to end.
        void referral.accept().then(() => {
          const inviter = referral.makeInviter();
          this.#adopt(inviter);
          this.#referTo = referTo;
          return inviter.invite();
        });
      },
    };
  }
}

declare global {
  interface Window {
    farEnd: FarEnd;
  }
}
window.farEnd = new FarEnd();
