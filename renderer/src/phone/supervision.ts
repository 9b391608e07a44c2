import type { RTCSession, IncomingInfoEvent } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import type { UA } from 'jssip/lib/UA';
import {
  ReplayGuard,
  signSupervisionRequest,
  SUPERVISE_HEADER,
  SUPERVISION_MODES,
  verifySupervisionRequest,
  type SupervisionMode,
  type SupervisionRefusal,
} from '../../../shared/supervision/request';
import {
  parseSupervisionEndReason,
  supervisionEndReasonHeader,
  type SupervisionEndReason,
} from '../../../shared/supervision/ended';
import type { Call } from './call';
import type { CallId } from './events';
import { cleanText, rawHeader, sipHeader } from './headers';
import { playRemote } from './media';
import { SupervisionMix } from './supervision-mix';

/**
 * Listen, coach and barge (issue 16) with no media server: the supervisor's Warmline calls the
 * agent's Warmline with a signed request (shared/supervision/request.ts); the agent's Warmline
 * answers it at once, without ringing, only while the agent is on that call, and mixes what each
 * party hears itself (supervision-mix.ts). A mode switch is an in-dialog INFO with a new signed
 * request; the agent's Warmline answers every INFO with its own INFO naming the mode in force,
 * since JsSIP has already sent 200 OK for the INFO before the request can be checked.
 *
 * `call` in a request is the SIP Call-ID of the agent's customer leg, or `current`: the one call
 * the agent is on now (a supervisor's board knows the agent, not their Call-ID). `current` is
 * refused while the agent has more than one call up.
 */
export const CURRENT_CALL = 'current';
const MODE_CONTENT_TYPE = 'application/x-warmline-supervise';

export type SupervisionEvent =
  /** Agent's side: a supervisor joined the call, changed mode, or left. */
  | {
      readonly type: 'supervised';
      readonly callId: CallId;
      readonly supervisor: string;
      readonly mode: SupervisionMode;
      readonly at: number;
    }
  | { readonly type: 'unsupervised'; readonly callId: CallId; readonly supervisor: string; readonly at: number }
  /** Agent's side: a request that was not accepted, who sent it (their SIP user, as the server let it through) and why (the log names both). */
  | {
      readonly type: 'supervision-refused';
      readonly refusal: SupervisionRefusal | 'busy' | 'other-supervisor';
      readonly from: string;
      readonly at: number;
    }
  /** Supervisor's side: where the supervisor's leg to an agent stands. */
  | {
      readonly type: 'monitor';
      readonly agent: string;
      readonly state: 'calling' | 'active' | 'ended';
      readonly mode: SupervisionMode;
      /** The SIP status when the agent's Warmline refused or the call failed. */
      readonly status?: number;
      /** Why the agent's Warmline ended the leg, when it said (its BYE's Reason). */
      readonly endReason?: SupervisionEndReason;
    };

type Emit = (event: SupervisionEvent) => void;

/** JsSIP keeps the INVITE's Call-ID on the session without a public getter. */
export function sipCallIdOf(session: RTCSession): string | undefined {
  return (session as unknown as { _request?: { call_id?: string } })._request?.call_id;
}

/** The SIP user a request came from, made safe for the log (untrusted: a caller picks it). */
const senderOf = (request: IncomingRequest): string => cleanText(request.from?.uri?.user, 64) ?? 'unknown';

const isMode = (value: string): value is SupervisionMode => (SUPERVISION_MODES as readonly string[]).includes(value);

function audioSender(session: RTCSession): RTCRtpSender | undefined {
  return session.connection?.getSenders().find((s) => s.track?.kind === 'audio');
}

function receivedTrack(session: RTCSession): MediaStreamTrack | undefined {
  return session.connection?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
}

export interface AgentDeskOptions {
  /** This agent's SIP user, as requests name it. */
  readonly self: () => string;
  readonly teamKey: () => Promise<string>;
  /** The answered, live customer calls (not a colleague's consult, not a three-way). */
  readonly customerCalls: () => readonly Call[];
  readonly headset: HTMLMediaElement | undefined;
  readonly iceServers: () => readonly RTCIceServer[];
  readonly emit: Emit;
}

interface Supervision {
  readonly call: Call;
  readonly session: RTCSession;
  readonly mix: SupervisionMix;
  readonly supervisor: string;
  /** The `call` the accepted request named: a mode switch must name the same. */
  readonly requestedCall: string;
  mode: SupervisionMode;
}

/** The agent's side: accepts, mixes and ends supervision of the agent's calls. */
export class SupervisedDesk {
  readonly #replay = new ReplayGuard();
  #active: Supervision | undefined;

  constructor(private readonly options: AgentDeskOptions) {}

  supervisionOf(callId: CallId): { supervisor: string; mode: SupervisionMode } | undefined {
    const active = this.#active;
    return active && active.call.id === callId ? { supervisor: active.supervisor, mode: active.mode } : undefined;
  }

  /** An INVITE that carries a supervision request; never rings, never shows as a call. */
  async incoming(session: RTCSession, request: IncomingRequest): Promise<void> {
    const header =
      rawHeader((name) => (request.hasHeader(name) ? request.getHeader(name) : undefined), SUPERVISE_HEADER, 1_024) ?? '';
    const calls = this.options.customerCalls();
    const verdict = await verifySupervisionRequest(header, {
      teamKey: await this.options.teamKey().catch(() => ''),
      now: Date.now(),
      agent: this.options.self(),
      activeCalls: [...calls.map((c) => sipCallIdOf(c.session) ?? ''), ...(calls.length === 1 ? [CURRENT_CALL] : [])],
      replay: this.#replay,
    });
    if (session.isEnded()) return;
    const refuse = (refusal: SupervisionRefusal | 'busy') => {
      session.terminate({
        status_code: 403,
        reason_phrase: 'Forbidden',
        extraHeaders: [sipHeader('Reason', `SIP;cause=403;text="${refusal}"`)],
      });
      this.options.emit({ type: 'supervision-refused', refusal, from: senderOf(request), at: Date.now() });
    };
    if (!verdict.ok) return refuse(verdict.error);
    const request_ = verdict.value;
    const call = request_.call === CURRENT_CALL ? calls[0] : calls.find((c) => sipCallIdOf(c.session) === request_.call);
    const sender = call && audioSender(call.session);
    const microphone = sender?.track;
    const customer = call && receivedTrack(call.session);
    if (this.#active || !call || !sender || !microphone || !customer) return refuse('busy');

    const mix = new SupervisionMix(microphone, customer);
    mix.setMode(request_.mode);
    const supervision: Supervision = {
      call,
      session,
      mix,
      supervisor: request_.supervisor,
      requestedCall: request_.call,
      mode: request_.mode,
    };
    this.#active = supervision;
    const left = () => void this.#end(supervision);
    const callEnded = () => void this.#end(supervision, 'call-ended');
    session.on('ended', left);
    session.on('failed', left);
    call.session.on('ended', callEnded);
    call.session.on('failed', callEnded);
    session.on('newInfo', (event: IncomingInfoEvent) => {
      if (event.originator === 'remote') void this.#modeRequest(supervision, event);
    });
    session.on('confirmed', () => {
      const voice = receivedTrack(session);
      if (voice) mix.addSupervisor(voice);
    });
    session.answer({
      mediaStream: mix.supervisorStream,
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [...this.options.iceServers()] },
    });
    await mix.sendToCustomer(sender);
    if (this.#active !== supervision) return;
    const headset = this.options.headset;
    if (headset) playRemote(headset, mix.headsetStream);
    this.options.emit({
      type: 'supervised',
      callId: call.id,
      supervisor: supervision.supervisor,
      mode: supervision.mode,
      at: Date.now(),
    });
  }

  async #modeRequest(supervision: Supervision, event: IncomingInfoEvent): Promise<void> {
    const request = event.request;
    const header =
      rawHeader((name) => (request.hasHeader(name) ? request.getHeader(name) : undefined), SUPERVISE_HEADER, 1_024) ?? '';
    const bound = sipCallIdOf(supervision.call.session) ?? '';
    const verdict = await verifySupervisionRequest(header, {
      teamKey: await this.options.teamKey().catch(() => ''),
      now: Date.now(),
      agent: this.options.self(),
      activeCalls: supervision.requestedCall === CURRENT_CALL ? [bound, CURRENT_CALL] : [bound],
      replay: this.#replay,
    });
    if (this.#active !== supervision || supervision.session.isEnded()) return;
    const accepted = verdict.ok && verdict.value.supervisor === supervision.supervisor;
    if (accepted && verdict.value.mode !== supervision.mode) {
      supervision.mode = verdict.value.mode;
      supervision.mix.setMode(supervision.mode);
      this.options.emit({
        type: 'supervised',
        callId: supervision.call.id,
        supervisor: supervision.supervisor,
        mode: supervision.mode,
        at: Date.now(),
      });
    }
    // A valid request signed for another supervisor, sent on this one's leg, is refused and logged like any other.
    const refused = verdict.ok ? (accepted ? undefined : 'other-supervisor') : verdict.error;
    if (refused) this.options.emit({ type: 'supervision-refused', refusal: refused, from: senderOf(request), at: Date.now() });
    supervision.session.sendInfo(MODE_CONTENT_TYPE, `mode=${supervision.mode}${refused ? `;refused=${refused}` : ''}`);
  }

  /**
   * The agent's call was transferred (its REFER accepted): the customer's new dialog is with a
   * colleague, whom this supervision does not follow. Synchronous up to the BYE, so that the
   * supervisor learns "transferred" before the phone hangs the old call up ("call ended").
   */
  transferred(callId: CallId): void {
    const active = this.#active;
    if (active && active.call.id === callId) void this.#end(active, 'transferred');
  }

  /** `reason`: why the agent's side ends it (told in the BYE); none when the supervisor left. */
  async #end(supervision: Supervision, reason?: SupervisionEndReason): Promise<void> {
    if (this.#active !== supervision) return;
    this.#active = undefined;
    if (!supervision.session.isEnded()) {
      supervision.session.terminate(
        reason ? { extraHeaders: [sipHeader('Reason', supervisionEndReasonHeader(reason))] } : undefined,
      );
    }
    await supervision.mix.stop();
    const headset = this.options.headset;
    if (headset && headset.srcObject === supervision.mix.headsetStream && !supervision.call.session.isEnded()) {
      playRemote(headset, supervision.call.remoteStream);
    }
    this.options.emit({ type: 'unsupervised', callId: supervision.call.id, supervisor: supervision.supervisor, at: Date.now() });
  }
}

export interface MonitorOptions {
  readonly ua: UA;
  /** The agent's address (their AOR). */
  readonly target: string;
  readonly agent: string;
  readonly self: string;
  readonly teamKey: string;
  readonly microphone: MediaStream;
  readonly iceServers: readonly RTCIceServer[];
  readonly headset: HTMLMediaElement | undefined;
  readonly emit: Emit;
  /** The agent's customer leg (SIP Call-ID), or `current`. */
  readonly call?: string;
}

/** The supervisor's side: one leg to one agent's Warmline, its mode switched in the dialog. */
export class MonitorLeg {
  #mode: SupervisionMode;
  #state: 'calling' | 'active' | 'ended' = 'calling';
  #heard: MediaStream | undefined;

  private constructor(
    private readonly options: MonitorOptions,
    private readonly session: RTCSession,
    mode: SupervisionMode,
  ) {
    this.#mode = mode;
  }

  static async start(options: MonitorOptions, mode: SupervisionMode): Promise<MonitorLeg> {
    const header = await MonitorLeg.#sign(options, mode);
    const session = options.ua.call(options.target, {
      mediaStream: options.microphone,
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [...options.iceServers] },
      extraHeaders: [header],
    });
    const leg = new MonitorLeg(options, session, mode);
    leg.#wire();
    leg.#report();
    return leg;
  }

  get mode(): SupervisionMode {
    return this.#mode;
  }

  get state(): 'calling' | 'active' | 'ended' {
    return this.#state;
  }

  get agent(): string {
    return this.options.agent;
  }

  /** Asks the agent's Warmline for another mode; the mode changes when its answer says so. */
  async setMode(mode: SupervisionMode): Promise<void> {
    if (this.#state !== 'active') return;
    const header = await MonitorLeg.#sign(this.options, mode);
    if (this.#state === 'active') this.session.sendInfo(MODE_CONTENT_TYPE, '', { extraHeaders: [header] });
  }

  leave(): void {
    if (!this.session.isEnded()) this.session.terminate();
  }

  static async #sign(options: MonitorOptions, mode: SupervisionMode) {
    const token = await signSupervisionRequest(
      { mode, supervisor: options.self, agent: options.agent, call: options.call ?? CURRENT_CALL, issuedAt: Date.now() },
      options.teamKey,
    );
    return sipHeader(SUPERVISE_HEADER, token, 1_024);
  }

  #wire(): void {
    const session = this.session;
    session.on('confirmed', () => {
      this.#state = 'active';
      const track = receivedTrack(session);
      this.#heard = track ? new MediaStream([track]) : undefined;
      playRemote(this.options.headset, this.#heard);
      this.#report();
    });
    session.on('newInfo', (event: IncomingInfoEvent) => {
      if (event.originator !== 'remote') return;
      const mode = /^mode=([a-z]+)/.exec(event.request.body ?? '')?.[1];
      if (mode && isMode(mode) && mode !== this.#mode) {
        this.#mode = mode;
        this.#report();
      }
    });
    const ended = (status?: number, endReason?: SupervisionEndReason) => {
      if (this.#state === 'ended') return;
      this.#state = 'ended';
      const headset = this.options.headset;
      if (headset && this.#heard && headset.srcObject === this.#heard) headset.srcObject = null;
      this.#report(status, endReason);
    };
    session.on('ended', (event) => {
      const bye = event.originator === 'remote' ? (event.message as IncomingRequest | null) : null;
      const reason = bye?.hasHeader('Reason') ? bye.getHeader('Reason') : undefined;
      ended(undefined, parseSupervisionEndReason(reason));
    });
    session.on('failed', (event) => ended((event.message as { status_code?: number } | undefined)?.status_code));
  }

  #report(status?: number, endReason?: SupervisionEndReason): void {
    this.options.emit({
      type: 'monitor',
      agent: this.options.agent,
      state: this.#state,
      mode: this.#mode,
      ...(status !== undefined ? { status } : {}),
      ...(endReason !== undefined ? { endReason } : {}),
    });
  }
}
