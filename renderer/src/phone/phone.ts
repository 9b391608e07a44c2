import { C, UA, WebSocketInterface } from 'jssip';
import type { Socket } from 'jssip/lib/Socket';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { err, ok, type Result } from '../../../shared/result';
import { isFeatureCode } from '../../../shared/settings-rules';
import { Call } from './call';
import { normaliseTarget, uriDomain, uriUser, validateConfig, type ConfigProblem, type PhoneConfig } from './config';
import { PhoneEmitter } from './emitter';
import {
  DECLINE_REASONS,
  type CallId,
  type CallInfo,
  type CommandError,
  type DeclineReason,
  type PhoneEvent,
  type PhoneListener,
  type RegistrationStatus,
} from './events';
import { isConsultLeg, isValidDtmf, sipHeader, type SafeHeader } from './headers';
import { localStream, MicrophoneTracks, playRemote } from './media';
import { RegistrationTracker } from './registration';
import { CallRecovery } from './recovery';
import { ConferenceController } from './conference';
import type { CallAudio } from './recorder';
import { answerReplacing, onReplaces } from './take-over';
import { referBlind, referWithReplaces } from './transfer';
import { contextOf, partyOf, queueOf, remotePartyOf } from './remote-party';
import { dialFeatureCode, sendControlMessage } from './service-requests';
import type { OwnPresence, PresenceClient, PresenceEvent } from './presence';
// Types only: supervision's code is fetched when first used (a supervisor's request, or monitoring),
// so the start bundle stays within its budget.
import type { MonitorLeg, SupervisedDesk, SupervisionEvent } from './supervision';
import type { SupervisionMode } from '../../../shared/supervision/request';
import { SUPERVISE_HEADER } from './headers';
import { watchSenderTrack } from './sender-track';
import { afterPaint } from './after-paint';

export interface PhoneOptions {
  /** Where the active call is heard (the headset output); the app picks its sink. */
  readonly remoteAudio?: HTMLMediaElement;
  /** The microphone for a call; defaults to getUserMedia({ audio: true }). */
  readonly getLocalStream?: () => Promise<MediaStream>;
  /** A JsSIP socket other than the browser WebSocket (unit tests use a fake transport). */
  readonly createSocket?: (url: string) => Socket;
  readonly userAgent?: string;
  /**
   * Settles once the page shows the phone's state (the start shell or the app): what signing in
   * does not need (the presence client) waits for it, then for a painted frame (issue 19).
   */
  readonly stateShown?: Promise<unknown>;
}

export interface MediaOptions {
  /** Use this stream instead of asking for the microphone (tests send a known tone). */
  readonly localStream?: MediaStream;
}

export interface CallOptions extends MediaOptions {
  /** Headers for the INVITE (the escalation context on a consult call); built by `sipHeader`. */
  readonly headers?: readonly SafeHeader[];
  /** The INVITE's Call-ID, from `newSipCallId`: a consult's context is sealed to it before the call starts. */
  readonly sipCallId?: string;
}

/** A SIP Call-ID (RFC 3261 §8.1.1.4: globally unique): 128 random bits. */
export function newSipCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `wl-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

let callCounter = 0;
const newCallId = (): CallId => `call-${(callCounter += 1)}-${Date.now().toString(36)}` as CallId;

/**
 * The softphone engine: one JsSIP user agent, its calls, and commands in call-center terms.
 * The only module that imports JsSIP; everything it tells the app is a PhoneEvent.
 */
export class Phone {
  readonly #options: PhoneOptions;
  readonly #emitter = new PhoneEmitter();
  readonly #registration = new RegistrationTracker((event) => this.#emitter.emit(event));
  readonly #calls = new Map<CallId, Call>();
  readonly #microphones = new MicrophoneTracks();
  readonly #recovery = new CallRecovery((event) => this.#emitter.emit(event));
  #config: PhoneConfig | undefined;
  #ua: UA | undefined;
  #available = false;
  /** Signing out: an INVITE now crossed our un-REGISTER (see #incoming). */
  #stopping = false;
  readonly #conference: ConferenceController;
  #presence: PresenceClient | undefined;
  /** The presence client's chunk while it is being fetched: stop() waits for it (nothing loads after a stop). */
  #presenceLoading: Promise<void> | undefined;
  /** The presence client has made its first publication and subscriptions (after the first REGISTER's answer). */
  #presenceLive = false;
  readonly #presenceListeners = new Set<(event: PresenceEvent) => void>();
  /** The last state asked to be published and the colleagues asked to be watched, kept across sign-ins. */
  #ownPresence: OwnPresence | undefined;
  #watched: readonly string[] | undefined;
  /** Set while JsSIP builds the session for an INVITE with Replaces we accepted (synchronously). */
  #replacing: Call | undefined;
  readonly #supervisionListeners = new Set<(event: SupervisionEvent) => void>();
  #supervised: Promise<SupervisedDesk> | undefined;
  /** The desk once loaded: a transfer must end a supervision synchronously, before the call's hangup. */
  #desk: SupervisedDesk | undefined;
  #teamKey: () => Promise<string> = () => Promise.resolve('');

  constructor(options: PhoneOptions = {}) {
    this.#options = options;
    this.#conference = new ConferenceController(
      (call) => call.resumed(),
      options.remoteAudio,
      (call) => this.#attachAudio(call),
    );
  }

  #supervisionDesk(): Promise<SupervisedDesk> {
    this.#supervised ??= import('./supervision').then(
      ({ SupervisedDesk }) =>
        (this.#desk = new SupervisedDesk({
          self: () => uriUser(this.#config?.sipUri ?? ''),
          teamKey: () => this.#teamKey(),
          // A three-way call already sends a mix on both legs: no supervision on top of it.
          customerCalls: () =>
            this.#conference.active
              ? []
              : [...this.#calls.values()].filter((c) => c.answered && !c.session.isEnded() && !c.info.colleagueConsult),
          headset: this.#options.remoteAudio,
          iceServers: () => this.#config?.iceServers ?? [],
          emit: (event) => this.#supervisionListeners.forEach((listener) => listener(event)),
        })),
    );
    return this.#supervised;
  }

  /** Where the team key (which signs supervision requests) comes from: the host keeps it. */
  setTeamKeySource(source: () => Promise<string>): void {
    this.#teamKey = source;
  }

  /** Supervision (issue 16): the agent's calls being supervised, and the supervisor's own legs. */
  onSupervision(listener: (event: SupervisionEvent) => void): () => void {
    this.#supervisionListeners.add(listener);
    return () => void this.#supervisionListeners.delete(listener);
  }

  /**
   * The supervisor listens to, coaches or barges into `agent`'s call: a call to the agent's
   * Warmline with a signed request. `call` names the agent's customer leg (SIP Call-ID); without
   * it, the agent's one current call.
   */
  async monitor(
    agent: string,
    mode: SupervisionMode,
    media: MediaOptions & { readonly call?: string } = {},
  ): Promise<Result<MonitorLeg, CommandError>> {
    const ua = this.#ua;
    const config = this.#config;
    if (!ua || !config) return err('not-configured');
    const target = /^[\w.+-]{1,64}$/.test(agent) ? normaliseTarget(agent, uriDomain(config.sipUri)) : undefined;
    if (!target) return err('invalid-target');
    const teamKey = await this.#teamKey().catch(() => '');
    if (!teamKey) return err('not-configured');
    const microphone = await this.#localStream(media);
    if (!microphone) return err('media-unavailable');
    const { MonitorLeg } = await import('./supervision');
    const leg = await MonitorLeg.start(
      {
        ua,
        target,
        agent,
        self: uriUser(config.sipUri),
        teamKey,
        microphone,
        iceServers: config.iceServers ?? [],
        headset: this.#options.remoteAudio,
        emit: (event) => this.#supervisionListeners.forEach((listener) => listener(event)),
        ...(media.call ? { call: media.call } : {}),
      },
      mode,
    );
    return ok(leg);
  }

  on(listener: PhoneListener): () => void {
    return this.#emitter.on(listener);
  }

  get registration(): RegistrationStatus {
    return this.#registration.status;
  }

  get available(): boolean {
    return this.#available;
  }

  calls(): readonly CallInfo[] {
    return [...this.#calls.values()].map((call) => call.info);
  }

  /**
   * Checks and keeps the sign-in settings; a running phone signs in again with them, once: the
   * old user agent unregisters and goes, the new one reports connecting → registering →
   * registered, and nothing the old one says afterwards counts (no "stopped" in between, so the
   * agent's state is not reset by a settings change).
   */
  configure(config: PhoneConfig): Result<void, readonly ConfigProblem[]> {
    const checked = validateConfig(config);
    if (!checked.ok) return checked;
    this.#config = checked.value;
    const old = this.#ua;
    if (old) {
      this.#registration.retire();
      for (const call of this.#calls.values()) call.session.terminate();
      this.#calls.clear();
      this.#ua = undefined;
      old.stop();
      this.start();
    }
    return ok(undefined);
  }

  /** Connects and registers; JsSIP keeps the registration and the connection alive from here. */
  start(): Result<void, CommandError> {
    const config = this.#config;
    if (!config) return err('not-configured');
    if (this.#ua) return ok(undefined);
    this.#stopping = false;
    const socket = this.#options.createSocket?.(config.serverUrl) ?? new WebSocketInterface(config.serverUrl);
    const ua = new UA({
      sockets: [socket],
      uri: config.sipUri,
      password: config.password,
      authorization_user: config.authUser ?? uriUser(config.sipUri),
      ...(config.displayName ? { display_name: config.displayName } : {}),
      register: true,
      register_expires: config.registerExpires ?? 300,
      connection_recovery_min_interval: config.reconnect?.minSeconds ?? 2,
      connection_recovery_max_interval: config.reconnect?.maxSeconds ?? 30,
      user_agent: this.#options.userAgent ?? 'Warmline',
    });
    this.#ua = ua;
    this.#registration.watch(ua);
    this.#recovery.watchUa(ua);
    // Every (re)connection: the server may have lost our subscriptions and publication. They are
    // started again once the REGISTER that JsSIP sends on connecting is answered (either way): the
    // registration is what brings the agent calls, and a dozen SUBSCRIBEs and a PUBLISH sent ahead
    // of it (each challenged once) held it back by over a second at load, with the desk on
    // "Signing in…" meanwhile (the model's long run, seed 20261207, sequence 48). Subscribing after
    // the REGISTER is safe with a server that gave a GRUU: presence.ts gives every SUBSCRIBE the
    // connection's own ;transport=ws Contact, not the GRUU JsSIP would put there.
    // The presence client (PIDF, dialog-info and queue-board parsers, with their schemas) is not in
    // the start chunk (issue 19): it is asked for once the first REGISTER is answered, the page shows
    // the phone's state (options.stateShown) and a frame is painted, so the page neither loads nor
    // evaluates it while the agent waits for "Signed in". It starts, with what the app asked for meanwhile, as soon as it is here.
    let renewDue = false;
    let presenceAsked = false;
    this.#presenceLive = false;
    const loadPresence = () => {
      if (presenceAsked) return;
      presenceAsked = true;
      const shown = this.#options.stateShown ?? Promise.resolve();
      void shown.then(() =>
        afterPaint(() => {
          if (this.#ua !== ua) return; // stopped or restarted meanwhile
          const loading = import('./presence').then(({ PresenceClient }) => {
            if (this.#ua !== ua) return;
            this.#presence = new PresenceClient(ua, uriDomain(config.sipUri), uriUser(config.sipUri), (event) =>
              this.#presenceListeners.forEach((listener) => listener(event)),
            );
            if (ua.isRegistered()) afterRegister();
          });
          this.#presenceLoading = loading;
          loading
            // A chunk that failed to arrive (the host restarting) is asked for again at the next REGISTER answer.
            .catch(() => void (presenceAsked = false))
            .finally(() => {
              if (this.#presenceLoading === loading) this.#presenceLoading = undefined;
            });
        }),
      );
    };
    const afterRegister = () => {
      loadPresence();
      const presence = this.#presence;
      if (!presence || this.#ua !== ua) return;
      if (!this.#presenceLive) {
        this.#presenceLive = true;
        renewDue = false;
        if (this.#ownPresence) presence.publish(this.#ownPresence);
        if (this.#watched) {
          presence.watch(this.#watched);
          presence.watchQueueBoard();
        }
      } else if (renewDue) {
        renewDue = false;
        presence.renew();
      }
    };
    ua.on('connected', () => {
      renewDue = true;
    });
    ua.on('registered', afterRegister);
    ua.on('registrationFailed', afterRegister);
    ua.on('newRTCSession', (event: RTCSessionEvent) => {
      if (event.originator === 'remote') this.#incoming(event.session, event.request as IncomingRequest);
    });
    ua.start();
    return ok(undefined);
  }

  /** Signing out or quitting: hang up, unregister (waiting briefly for the answer), disconnect. */
  async stop(): Promise<void> {
    const ua = this.#ua;
    if (!ua) return;
    this.#stopping = true;
    for (const call of this.#calls.values()) call.session.terminate();
    this.#registration.stopping();
    if (ua.isRegistered()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        ua.on('unregistered', () => {
          clearTimeout(timer);
          resolve();
        });
        ua.unregister();
      });
    }
    this.#teardown();
    await this.#presenceLoading?.catch(() => undefined);
  }

  /** The team's presence and the queue board (issue 15): colleagues' states as they change. */
  onPresence(listener: (event: PresenceEvent) => void): () => void {
    this.#presenceListeners.add(listener);
    return () => void this.#presenceListeners.delete(listener);
  }

  /** Tells colleagues the agent's state (PUBLISH); kept and sent again after every sign-in. */
  publishPresence(own: OwnPresence): void {
    this.#ownPresence = own;
    if (this.#presenceLive) this.#presence?.publish(own);
  }

  /** Watches these colleagues (SIP users) and the server's queue board. */
  watchTeam(users: readonly string[]): void {
    this.#watched = users;
    if (!this.#presenceLive) return;
    this.#presence?.watch(users);
    this.#presence?.watchQueueBoard();
  }

  /** Agent state: only an Available agent is offered calls; others get 486 Busy Here. */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  async answer(callId: CallId, media: MediaOptions = {}): Promise<Result<void, CommandError>> {
    const call = this.#calls.get(callId);
    if (!call) return err('no-such-call');
    if (call.info.direction !== 'inbound' || call.answered) return err('wrong-state');
    const stream = await this.#localStream(media);
    if (!stream) return err('media-unavailable');
    if (call.session.isEnded()) {
      // The caller gave up while the microphone opened: it is not left capturing.
      if (!media.localStream) stream.getTracks().forEach((t) => t.stop());
      return err('wrong-state');
    }
    if (!media.localStream) this.#microphones.opened(callId, stream);
    call.session.answer({
      mediaStream: stream,
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [...(this.#config?.iceServers ?? [])] },
    });
    return ok(undefined);
  }

  /**
   * Declines a ringing call: 486 Busy Here (the queue then offers it to someone else), or, for a
   * colleague's consult call, 603 Decline with the reason as a token in a Reason header (RFC 3326).
   */
  reject(callId: CallId, reason?: DeclineReason): Result<void, CommandError> {
    const call = this.#calls.get(callId);
    if (!call) return err('no-such-call');
    if (call.answered || call.info.direction !== 'inbound') return err('wrong-state');
    if (reason && !DECLINE_REASONS.includes(reason)) return err('invalid-target');
    call.session.terminate(
      reason
        ? { status_code: 603, reason_phrase: 'Decline', extraHeaders: [sipHeader('Reason', `SIP;cause=603;text="${reason}"`)] }
        : { status_code: 486, reason_phrase: 'Busy Here' },
    );
    return ok(undefined);
  }

  hangup(callId: CallId): Result<void, CommandError> {
    const call = this.#calls.get(callId);
    if (!call) return err('no-such-call');
    call.session.terminate();
    return ok(undefined);
  }

  hold(callId: CallId): Result<void, CommandError> {
    return this.#withCall(callId, (call) => call.hold());
  }

  resume(callId: CallId): Result<void, CommandError> {
    return this.#withCall(callId, (call) => call.resume());
  }

  /** After "stalled" (no recovery for 15 s): reconnect and restart the audio path once more. */
  keepTrying(callId: CallId): Result<void, CommandError> {
    const call = this.#calls.get(callId);
    if (!call) return err('no-such-call');
    return this.#recovery.keepTrying(callId) ? ok(undefined) : err('wrong-state');
  }

  mute(callId: CallId): Result<void, CommandError> {
    return this.#setMuted(callId, true);
  }

  unmute(callId: CallId): Result<void, CommandError> {
    return this.#setMuted(callId, false);
  }

  /** Mute applies to every leg of a three-way call (one card, one Mute: nobody hears the agent). */
  #setMuted(callId: CallId, muted: boolean): Result<void, CommandError> {
    return this.#withCall(callId, (call) => {
      for (const leg of this.#conference.legsOf(call)) {
        if (leg.session.isEnded()) continue;
        if (muted) leg.session.mute({ audio: true });
        else leg.session.unmute({ audio: true });
      }
      return true;
    });
  }

  /** RFC 4733 telephone-events by default, SIP INFO (application/dtmf-relay) when configured or asked. */
  sendDtmf(callId: CallId, digits: string, transport?: 'rfc4733' | 'info'): Result<void, CommandError> {
    if (!isValidDtmf(digits)) return err('invalid-digits');
    const via = transport ?? this.#config?.dtmfTransport ?? 'rfc4733';
    return this.#withCall(callId, (call) => {
      call.session.sendDTMF(digits.toUpperCase(), {
        transportType: via === 'info' ? C.DTMF_TRANSPORT.INFO : C.DTMF_TRANSPORT.RFC2833,
        duration: 120,
        interToneGap: 80,
      });
      return true;
    });
  }

  /** Dials a number or SIP URI (numbers come normalised from the dial pad). */
  async call(target: string, media: CallOptions = {}): Promise<Result<CallId, CommandError>> {
    const ua = this.#ua;
    const config = this.#config;
    if (!ua || !config) return err('not-configured');
    const uri = normaliseTarget(target, uriDomain(config.sipUri));
    if (!uri) return err('invalid-target');
    const stream = await this.#localStream(media);
    if (!stream) return err('media-unavailable');
    const callId = newCallId();
    if (!media.localStream) this.#microphones.opened(callId, stream);
    const session = ua.call(uri, {
      mediaStream: stream,
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [...(config.iceServers ?? [])] },
      extraHeaders: [...(media.headers ?? [])],
      ...(media.sipCallId ? { callId: media.sipCallId } : {}),
    });
    const info: CallInfo = { callId, direction: 'outbound', remote: partyOf(session.remote_identity) };
    this.#track(
      new Call(
        info,
        session,
        (event) => this.#emitter.emit(event),
        (c) => this.#attachAudio(c),
      ),
    );
    this.#emitter.emit({ type: 'dialing', call: info });
    return ok(callId);
  }

  /**
   * Attended transfer: asks the party of `callId` to call the party of `consultCallId` with a
   * Replaces header for the consult dialog (RFC 3515 + RFC 3891). See patches/ for #817.
   */
  transferAttended(callId: CallId, consultCallId: CallId, extraHeaders: readonly SafeHeader[] = []): Result<void, CommandError> {
    const call = this.#calls.get(callId);
    const consult = this.#calls.get(consultCallId);
    if (!call || !consult) return err('no-such-call');
    if (!call.answered || !consult.answered) return err('wrong-state');
    referWithReplaces(call, consult, extraHeaders, this.#transferOutcome);
    return ok(undefined);
  }

  /** A transfer that went through also ends the call's supervision, first, as "transferred" (issue 16). */
  readonly #transferOutcome = (event: PhoneEvent): void => {
    if (event.type === 'transfer-accepted') this.#desk?.transferred(event.callId);
    this.#emitter.emit(event);
  };

  /** Blind transfer: REFER without Replaces to a number or address, context headers where allowed. */
  transferBlind(callId: CallId, target: string, extraHeaders: readonly SafeHeader[] = []): Result<void, CommandError> {
    const call = this.#calls.get(callId);
    const config = this.#config;
    if (!call || !config) return err('no-such-call');
    if (!call.answered) return err('wrong-state');
    const uri = normaliseTarget(target, uriDomain(config.sipUri));
    if (!uri) return err('invalid-target');
    referBlind(call, uri, extraHeaders, this.#transferOutcome);
    return ok(undefined);
  }

  /** Three-way: both calls hear each other and the agent, mixed here (no server bridge needed). */
  async merge(callId: CallId, otherCallId: CallId): Promise<Result<void, CommandError>> {
    const a = this.#calls.get(callId);
    const b = this.#calls.get(otherCallId);
    if (!a || !b) return err('no-such-call');
    if (!a.answered || !b.answered || this.#conference.active) return err('wrong-state');
    const merged = await this.#conference.merge(a, b);
    return merged === 'merged' ? ok(undefined) : err(merged === 'no-media' ? 'media-unavailable' : 'wrong-state');
  }

  /** Ends the local mix; the legs stay up as two calls. */
  unmerge(): Promise<void> {
    return this.#conference.unmerge();
  }

  /**
   * A short command to a control endpoint of the server (the lab's `queue-control` user takes
   * "pause", "unpause" and "pickup <agent>", RFC 3428 MESSAGE, authenticated like any request).
   * Resolves when the server answered: ok for 2xx.
   */
  sendControlMessage(user: string, body: string): Promise<Result<void, CommandError>> {
    const ua = this.#ua;
    const config = this.#config;
    if (!ua || !config) return Promise.resolve(err('not-configured'));
    const uri = normaliseTarget(user, uriDomain(config.sipUri));
    // One line of a command and its words (a queue, an agent's user part): nothing that could start another line.
    if (!uri || !/^[a-z][\w.+ -]{0,63}$/.test(body)) return Promise.resolve(err('invalid-target'));
    return sendControlMessage(ua, uri, body);
  }

  /** Dials a PBX feature code (`*46`) as a hidden call: see service-requests.ts. */
  dialFeatureCode(code: string): Promise<Result<void, CommandError>> {
    const ua = this.#ua;
    const config = this.#config;
    if (!ua || !config) return Promise.resolve(err('not-configured'));
    // `#` is not allowed unescaped in a SIP user part (RFC 3261 §25.1).
    const uri = isFeatureCode(code) ? normaliseTarget(code.replaceAll('#', '%23'), uriDomain(config.sipUri)) : undefined;
    if (!uri) return Promise.resolve(err('invalid-target'));
    return dialFeatureCode(ua, uri, config.iceServers ?? []);
  }

  /**
   * Drops the registration while the agent is paused (the queue has no contact to ring) and
   * renews it when they are back; the WebSocket stays up, so outbound calls still work.
   */
  setQueueContact(present: boolean): void {
    const ua = this.#ua;
    if (!ua) return;
    this.#registration.park(!present);
    if (present) ua.register();
    else ua.unregister();
  }

  remoteStream(callId: CallId): MediaStream | undefined {
    return this.#calls.get(callId)?.remoteStream;
  }

  /** WebRTC statistics of a call, for the quality badge (MOS, jitter, loss). */
  async getStats(callId: CallId): Promise<RTCStatsReport | undefined> {
    const connection = this.#calls.get(callId)?.session.connection;
    return connection ? connection.getStats() : undefined;
  }

  /**
   * The tracks a call sends and receives, from its RTP sender and receiver (the remote stream
   * may lose its track after a hold; the receiver keeps it): what a recording mixes.
   */
  callAudio(callId: CallId): CallAudio | undefined {
    const connection = this.#calls.get(callId)?.session.connection;
    if (!connection) return undefined;
    const sender = connection.getSenders().find((s) => s.track?.kind === 'audio');
    const sent = sender?.track ?? undefined;
    const received = connection.getReceivers().find((r) => r.track.kind === 'audio')?.track;
    if (!sent && !received) return undefined;
    return {
      ...(sent ? { sent } : {}),
      ...(received ? { received } : {}),
      ...(sender ? { watchSent: (listener: (track: MediaStreamTrack) => void) => watchSenderTrack(sender, listener) } : {}),
    };
  }

  #incoming(session: RTCSession, request: IncomingRequest): void {
    const replaced = this.#replacing;
    this.#replacing = undefined;
    if (!replaced && request.hasHeader(SUPERVISE_HEADER)) {
      // A supervisor's request: answered or refused (403) by the supervision desk, never rung.
      void this.#supervisionDesk().then((desk) => desk.incoming(session, request));
      return;
    }
    const remote = remotePartyOf(request, uriDomain(this.#config?.sipUri ?? ''));
    const info: CallInfo = {
      callId: newCallId(),
      direction: 'inbound',
      remote,
      ...withQueue(queueOf(request)),
      ...contextOf(request, remote.number),
      ...(isConsultLeg((name) => (request.hasHeader(name) ? request.getHeader(name) : undefined))
        ? { colleagueConsult: true }
        : {}),
      ...(replaced ? { replaces: replaced.id } : {}),
    };
    if (replaced) {
      this.#takeOver(info, session, replaced);
      return;
    }
    const call = new Call(
      info,
      session,
      (event) => this.#emitter.emit(event),
      (c) => this.#attachAudio(c),
    );
    if (!this.#available) {
      // Not Available (break, wrap-up): 486, so the queue moves on; and the agent is told. Signing out, the
      // server's INVITE crossed our un-REGISTER: 480, RFC 3261 §21.4.18's "not logged in", which a queue
      // takes as the member gone rather than a member who refused a call while it offered them calls.
      const status = this.#stopping ? 480 : 486;
      call.endSilently(status);
      this.#emitter.emit({ type: 'refused', call: info, status });
      return;
    }
    const waiting = [...this.#calls.values()].some((other) => other.answered);
    this.#track(call);
    call.watchOffer(request);
    this.#emitter.emit({ type: 'incoming', call: info, waiting });
  }

  /**
   * A warm transfer landed here: the customer's INVITE replaces the consult call we are on. It is
   * answered at once with the same microphone; JsSIP ends the replaced call when this one is confirmed.
   */
  #takeOver(info: CallInfo, session: RTCSession, replaced: Call): void {
    const call = new Call(
      info,
      session,
      (event) => this.#emitter.emit(event),
      (c) => this.#attachAudio(c),
    );
    this.#track(call);
    this.#emitter.emit({ type: 'replacing', call: info });
    answerReplacing(session, replaced, () => this.#localStream({}), this.#config?.iceServers ?? []);
  }

  #track(call: Call): void {
    onReplaces(call, (replaced) => (this.#replacing = replaced));
    this.#calls.set(call.id, call);
    this.#recovery.watchCall(call.id, call.session);
    const forget = (): void => {
      this.#calls.delete(call.id);
      this.#microphones.ended(
        call.id,
        [...this.#calls.values()].map((c) => ({
          id: c.id,
          sending: c.session.connection?.getSenders().map((s) => s.track) ?? [],
        })),
      );
      this.#headsetAfter(call);
    };
    call.session.on('ended', forget);
    call.session.on('failed', forget);
  }

  #attachAudio(call: Call): void {
    playRemote(this.#options.remoteAudio, call.remoteStream);
  }

  /**
   * The headset must never stay on a call that ended while another is up. Seen after a warm
   * transfer to us: the replaced call ends inside the new call's 'confirmed' event, and the new
   * call's audio could be left unattached; whatever the order, the live call is heard.
   */
  #headsetAfter(ended: Call): void {
    const element = this.#options.remoteAudio;
    if (!element || (element.srcObject !== null && element.srcObject !== ended.remoteStream)) return;
    const live = [...this.#calls.values()].find((c) => c.session.isEstablished() && !c.onHold && c.remoteStream);
    if (live) this.#attachAudio(live);
  }

  #localStream(media: MediaOptions): Promise<MediaStream | undefined> {
    return localStream(media.localStream, this.#options.getLocalStream);
  }

  #withCall(callId: CallId, run: (call: Call) => boolean): Result<void, CommandError> {
    const call = this.#calls.get(callId);
    if (!call) return err('no-such-call');
    if (!call.answered || call.session.isEnded()) return err('wrong-state');
    // A request sent while the WebSocket is down ends the call (JsSIP): wait for the reconnect.
    if (!this.#recovery.signalling) return err('wrong-state');
    return run(call) ? ok(undefined) : err('wrong-state');
  }

  #teardown(): void {
    this.#presence?.close();
    this.#presence = undefined;
    this.#presenceLive = false;
    this.#registration.stopping();
    this.#recovery.forgetUa();
    this.#ua?.stop();
    this.#ua = undefined;
    this.#calls.clear();
    this.#registration.stopped();
  }
}

function withQueue(queue: CallInfo['queue']): { queue?: CallInfo['queue'] } {
  return queue ? { queue } : {};
}
