import { useSyncExternalStore } from 'react';
import type { AgentEvent, BreakReason, WrapUpChoice } from '../../../shared/agent';
import type { SettingsView } from '../../../shared/settings';
import { consultStateOf, hangUpEndsConsult, wayBackToCustomer, type TransferTarget } from '../../../shared/call';
import {
  CONSULT_LEG_HEADER,
  sipHeader,
  type CallId,
  type CommandError,
  type DeclineReason,
  type Phone,
  type PhoneConfig,
  type PhoneEvent,
  type SafeHeader,
} from '../phone';
import { WRAP_UP_LIMITS } from '../../../shared/history/limits';
import { missingCaseError } from '../../../shared/result';
import { applyCallEvent } from './fold';
import { dismissNotice, notify, reduceAgentEvent, reducePhoneEvent } from './phone-reducer';
import { acceptsCalls, consultLegOf, INITIAL_PHONE_STATE, talkingCall, type PhoneState } from './phone-state';
import { truncateText } from '../../../shared/text';

/** The slice of the phone engine the store drives (a fake in unit tests, the real one in the app). */
export type PhoneEngine = Pick<
  Phone,
  | 'on'
  | 'configure'
  | 'start'
  | 'stop'
  | 'setAvailable'
  | 'answer'
  | 'reject'
  | 'hangup'
  | 'hold'
  | 'resume'
  | 'keepTrying'
  | 'mute'
  | 'unmute'
  | 'sendDtmf'
  | 'call'
  | 'transferAttended'
  | 'transferBlind'
  | 'merge'
  | 'unmerge'
  | 'sendControlMessage'
  | 'dialFeatureCode'
  | 'setQueueContact'
>;

/** The server's queue-control endpoint user (the lab's; see electron/lab/README.md). */
const QUEUE_CONTROL_USER = 'queue-control';

/** How long the consult leg is left to the transfer target to close after a completed transfer. */
const REPLACED_LEG_GRACE_MS = 3_000;

/**
 * How long a REFER may go without an outcome before the agent is told the transfer did not land.
 * With Replaces the target answers at once, so its NOTIFY 200 follows in well under a second;
 * 20 s covers a slow PSTN gateway without leaving the agent staring at "Handing over…".
 */
const TRANSFER_TIMEOUT_MS = 20_000;

/**
 * RFC 3841 §9.1: the customer is on hold, so a consult must not wait in a queue. A server that
 * knows the header (the lab) answers at once when no member is free; others ignore it.
 */
const NO_QUEUE = sipHeader('Request-Disposition', 'no-queue');
const CONSULT_LEG = sipHeader(CONSULT_LEG_HEADER, 'consult');

type Outcome = { ok: true } | { ok: false; error: CommandError | 'dial-input' };

/**
 * The one place the UI reads phone and agent state from and sends commands to. Commands go to
 * the engine; what happened comes back as events and is folded by the reducer.
 */
export class PhoneStore {
  #state: PhoneState = INITIAL_PHONE_STATE;
  readonly #listeners = new Set<() => void>();
  readonly #engine: PhoneEngine;
  readonly #now: () => number;
  #defaultCountry = '';
  #dtmfMode: 'rfc4733' | 'info' = 'rfc4733';
  #pause: Pick<SettingsView, 'queuePause' | 'pauseCode' | 'unpauseCode'> = {
    queuePause: 'reject',
    pauseCode: '',
    unpauseCode: '',
  };
  /** What the server was last told: paused in the queues or not (undefined before the first sync). */
  #paused: boolean | undefined;
  /** The sign-in the engine runs with (see signInKey), to tell a save that changes it from one that does not. */
  #signedInWith: string | undefined;
  /** A sign-in change saved during a call: applied when the calls end. */
  #pendingSignIn: { readonly settings: SettingsView; readonly password: string } | undefined;

  constructor(engine: PhoneEngine, now: () => number = Date.now) {
    this.#engine = engine;
    this.#now = now;
    engine.on((event) => {
      const before = this.#state;
      this.#set(reducePhoneEvent(before, event, this.#now()));
      this.#cleanUpLegs(before, event);
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): PhoneState => this.#state;

  /** Signs in with the saved settings (at start-up, or the agent's Sign in); problems come back per field. */
  signIn(settings: SettingsView, password: string): readonly string[] {
    this.#pendingSignIn = undefined;
    this.#takeSettings(settings);
    const config = phoneConfigOf(settings, password);
    const configured = this.#engine.configure(config);
    if (!configured.ok) return configured.error;
    this.#signedInWith = signInKey(config);
    const started = this.#engine.start();
    return started.ok ? [] : [started.error];
  }

  /**
   * Saved settings while the app runs. A save that changes no sign-in field leaves the
   * registration alone; one that does signs in again once — at once with no call up, otherwise
   * when the last call ends (never by cutting a call). Returns the problems, and whether the
   * sign-in change waits for the calls to end.
   */
  applySettings(settings: SettingsView, password: string): { readonly problems: readonly string[]; readonly deferred: boolean } {
    this.#takeSettings(settings);
    const config = phoneConfigOf(settings, password);
    if (signInKey(config) === this.#signedInWith) {
      this.#pendingSignIn = undefined;
      if (this.#state.signInDeferred) {
        const { signInDeferred: _reverted, ...rest } = this.#state;
        this.#set(rest);
      }
      return { problems: [], deferred: false };
    }
    if (this.#state.calls.length > 0) {
      this.#pendingSignIn = { settings, password };
      this.#set({ ...this.#state, signInDeferred: true });
      return { problems: [], deferred: true };
    }
    return { problems: this.signIn(settings, password), deferred: false };
  }

  #takeSettings(settings: SettingsView): void {
    this.#defaultCountry = settings.defaultCountry;
    this.#dtmfMode = settings.dtmfMode;
    const pause = { queuePause: settings.queuePause, pauseCode: settings.pauseCode, unpauseCode: settings.unpauseCode };
    // A new strategy tells the server again; an unchanged one keeps what the server was told.
    if (pause.queuePause !== this.#pause.queuePause) this.#paused = undefined;
    this.#pause = pause;
  }

  async signOut(): Promise<void> {
    this.#agent({ type: 'signedOut' });
    await this.#engine.stop();
  }

  goAvailable(): void {
    this.#agent({ type: 'wentAvailable' });
  }

  takeBreak(reason: BreakReason): void {
    this.#agent({ type: 'tookBreak', reason });
  }

  finishWrapUp(): void {
    const agent = this.#state.agent;
    if (agent.kind !== 'wrap-up') return;
    this.#agent({ type: 'wrapUpFinished', callId: agent.callId, at: this.#now() });
    const { [agent.callId]: _done, ...rest } = this.#state.callNotes ?? {};
    this.#set({ ...this.#state, callNotes: rest });
  }

  /** The agent's notes on a live call (bounded like the wrap-up notes they become). */
  setCallNotes(callId: CallId, text: string): void {
    if (!this.#state.calls.some((c) => c.info.callId === callId)) return;
    this.#set({ ...this.#state, callNotes: { ...this.#state.callNotes, [callId]: truncateText(text, WRAP_UP_LIMITS.notes) } });
  }

  /** A phrase from the assistant, added to the call's notes on a line of its own. */
  appendCallNotes(callId: CallId, text: string): void {
    const current = this.#state.callNotes?.[callId] ?? '';
    this.setCallNotes(callId, current === '' || current.endsWith('\n') ? current + text : `${current}\n${text}`);
  }

  /** Where the agent goes when wrap-up ends (also settable during the call). */
  chooseWrapUpNext(next: WrapUpChoice): void {
    this.#agent({ type: 'wrapUpNextChosen', next });
  }

  /**
   * A wrap-up left open when the app stopped (its draft is in the host's storage): the agent is
   * back in it before signing in, so no call is offered until it is finished. Only on a desk with
   * no call; the agent machine takes it only from offline or available.
   */
  restoreWrapUp(callId: string, startedAt: number, next: WrapUpChoice): void {
    if (this.#state.calls.length > 0) return;
    this.#agent({ type: 'wrapUpRestored', callId, startedAt, next });
  }

  /** Answers; with another call up, holds that one first (call waiting: hold and answer). */
  async answer(callId: CallId): Promise<Outcome> {
    const talking = talkingCall(this.#state);
    if (talking && talking.info.callId !== callId) this.#report('hold', this.#engine.hold(talking.info.callId));
    return this.#report('answer', await this.#engine.answer(callId));
  }

  /** Declines a ringing call; a colleague's consult may be declined with a reason they will see. */
  reject(callId: CallId, reason?: DeclineReason): Outcome {
    return this.#report('reject', this.#engine.reject(callId, reason));
  }

  /**
   * Hang up ends whom the agent is talking to (shared/call/consult-state.ts `hangUpEndsConsult`): during a
   * consult with the customer on hold, the consult leg; otherwise the call, its consult leg with it.
   */
  hangup(callId: CallId): Outcome {
    const entry = this.#state.calls.find((c) => c.info.callId === callId);
    const leg = entry && hangUpEndsConsult(entry.call) ? consultLegOf(this.#state, callId) : undefined;
    return this.#report('hangup', this.#engine.hangup(leg?.info.callId ?? callId));
  }

  /** The call's audio did not come back within 15 s and the agent chose to keep trying. */
  keepTrying(callId: CallId): Outcome {
    return this.#report('keep-trying', this.#engine.keepTrying(callId));
  }

  toggleHold(callId: CallId): Outcome {
    const entry = this.#state.calls.find((c) => c.info.callId === callId);
    const held = entry?.call.phase === 'on-hold';
    return this.#report(held ? 'resume' : 'hold', held ? this.#engine.resume(callId) : this.#engine.hold(callId));
  }

  toggleMute(callId: CallId): Outcome {
    const entry = this.#state.calls.find((c) => c.info.callId === callId);
    return this.#report('mute', entry?.muted ? this.#engine.unmute(callId) : this.#engine.mute(callId));
  }

  sendDtmf(callId: CallId, digits: string): Outcome {
    return this.#report('dtmf', this.#engine.sendDtmf(callId, digits, this.#dtmfMode));
  }

  /** Dials what the agent typed or pasted, normalised with the default country. */
  async dial(input: string): Promise<Outcome> {
    // The number parser and its metadata load when the agent first dials, not at start (issue 19).
    const { dialTargetUser, normaliseDialString } = await import('../../../shared/dialing/normalise');
    const target = normaliseDialString(input, this.#defaultCountry);
    if (!target.ok) {
      this.#set(notify(this.#state, { kind: 'command-failed', command: 'dial', error: 'dial-input' }));
      return { ok: false, error: 'dial-input' };
    }
    const dialled = target.value.kind === 'sip-uri' ? target.value.uri : (dialTargetUser(target.value) ?? '');
    const result = await this.#engine.call(dialled);
    return this.#report('dial', result.ok ? { ok: true } : result);
  }

  /** The escalate shortcut or tray item: the UI opens the escalation panel for the talking call. */
  requestEscalation(): void {
    this.#set({ ...this.#state, intent: { id: (this.#state.intent?.id ?? 0) + 1, kind: 'escalate' } });
  }

  /** A tel:/sip: link: the UI puts it in the dial pad for the agent to confirm (never dialled unasked). */
  requestDial(target: string): void {
    this.#set({ ...this.#state, intent: { id: (this.#state.intent?.id ?? 0) + 1, kind: 'dial', target } });
  }

  /**
   * Escalate (warm transfer, step 1): the customer goes on hold and a consult call to the target
   * starts, carrying the escalation context in its headers.
   */
  async startConsult(
    customer: CallId,
    target: TransferTarget,
    address: string,
    headers: readonly SafeHeader[],
    /** The Call-ID the context in `headers` was sealed to (`newSipCallId`). */
    sipCallId?: string,
  ): Promise<Outcome> {
    const entry = this.#state.calls.find((c) => c.info.callId === customer);
    if (!entry || (entry.call.phase !== 'active' && entry.call.phase !== 'on-hold'))
      return this.#report('consult', { ok: false, error: 'wrong-state' });
    if (entry.call.phase === 'active') {
      const held = this.#engine.hold(customer);
      if (!held.ok) return this.#report('consult', held);
    }
    this.#set({ ...this.#state, pendingConsult: { customer, target } });
    const dialled = await this.#engine.call(address, {
      headers: [...headers, NO_QUEUE, CONSULT_LEG],
      ...(sipCallId ? { sipCallId } : {}),
    });
    if (!dialled.ok) {
      const { pendingConsult: _dropped, ...rest } = this.#state;
      this.#set(rest);
      return this.#report('consult', dialled);
    }
    return { ok: true };
  }

  /** Cancel: end the consult call and take the customer back. */
  cancelConsult(customer: CallId): Promise<Outcome> {
    return this.backToCustomer(customer);
  }

  /**
   * The one action back to the customer from any consult state (shared/call/consult-state.ts):
   * leave a three-way mix, withdraw a pending transfer, end the consult leg, take the customer off hold.
   */
  async backToCustomer(customer: CallId): Promise<Outcome> {
    const entry = this.#state.calls.find((c) => c.info.callId === customer);
    const leg = consultLegOf(this.#state, customer);
    const consult = entry && consultStateOf(entry.call, leg ? { queued: leg.queued === true } : undefined);
    if (!consult) return this.#report('back', { ok: false, error: 'wrong-state' });
    for (const step of wayBackToCustomer(consult)) {
      switch (step) {
        case 'withdraw-transfer':
          this.#set(applyCallEvent(this.#state, customer, { type: 'transferWithdrawn', at: this.#now() }));
          break;
        case 'leave-three-way':
          await this.#engine.unmerge();
          break;
        case 'end-consult-leg':
          if (leg) this.#engine.hangup(leg.info.callId);
          break;
        case 'resume-customer': {
          // Not on hold (a three-way call) is not a failure of going back. A customer still held
          // whose resume the phone refused (JsSIP refuses an unhold while another INVITE of that
          // call is in progress) is: the agent is told, and the card still says on hold.
          const resumed = this.#engine.resume(customer);
          if (!resumed.ok && (resumed.error !== 'wrong-state' || this.#customerHeld(customer))) {
            return this.#report('resume', resumed);
          }
          break;
        }
        default:
          throw missingCaseError(step);
      }
    }
    return { ok: true };
  }

  /** The customer's hold as the store knows it: a hold stretch still open. */
  #customerHeld(customer: CallId): boolean {
    const entry = this.#state.calls.find((c) => c.info.callId === customer);
    const last = entry?.call.holds.at(-1);
    return last !== undefined && last.end === undefined;
  }

  /** Swap: talk to the other party; the one left is put on hold. */
  swapConsult(customer: CallId): Outcome {
    const entry = this.#state.calls.find((c) => c.info.callId === customer);
    const leg = consultLegOf(this.#state, customer);
    if (!entry || !leg || entry.call.phase !== 'consulting') return this.#report('swap', { ok: false, error: 'wrong-state' });
    const toCustomer = entry.call.talkingTo === 'consult';
    const first = toCustomer ? this.#engine.hold(leg.info.callId) : this.#engine.hold(customer);
    const second = toCustomer ? this.#engine.resume(customer) : this.#engine.resume(leg.info.callId);
    if (!first.ok || !second.ok) return this.#report('swap', first.ok ? second : first);
    this.#set(applyCallEvent(this.#state, customer, { type: 'swapped', at: this.#now() }));
    return { ok: true };
  }

  /** Three-way: customer, agent and consult party all hear each other (mixed on this machine). */
  async mergeConsult(customer: CallId): Promise<Outcome> {
    const leg = consultLegOf(this.#state, customer);
    if (!leg) return this.#report('merge', { ok: false, error: 'no-such-call' });
    const merged = await this.#engine.merge(customer, leg.info.callId);
    if (!merged.ok) return this.#report('merge', merged);
    this.#set(applyCallEvent(this.#state, customer, { type: 'merged', at: this.#now() }));
    return { ok: true };
  }

  /** Complete: REFER with Replaces; the customer and the consultee are connected, this agent leaves. */
  completeTransfer(customer: CallId, headers: readonly SafeHeader[] = []): Outcome {
    const leg = consultLegOf(this.#state, customer);
    if (!leg) return this.#report('transfer', { ok: false, error: 'no-such-call' });
    const referred = this.#engine.transferAttended(customer, leg.info.callId, headers);
    if (!referred.ok) return this.#report('transfer', referred);
    const requestedAt = this.#now();
    this.#set(applyCallEvent(this.#state, customer, { type: 'attendedTransferRequested', at: requestedAt }));
    setTimeout(() => {
      const call = this.#state.calls.find((c) => c.info.callId === customer)?.call;
      if (call?.phase !== 'transferring' || call.transfer.requestedAt !== requestedAt) return;
      this.#set(applyCallEvent(this.#state, customer, { type: 'transferTimedOut', at: this.#now() }));
    }, TRANSFER_TIMEOUT_MS);
    return { ok: true };
  }

  /** Blind transfer: REFER without Replaces, the context in headers where the server passes them. */
  blindTransfer(customer: CallId, target: TransferTarget, address: string, headers: readonly SafeHeader[]): Outcome {
    const referred = this.#engine.transferBlind(customer, address, headers);
    if (!referred.ok) return this.#report('transfer', referred);
    this.#set(applyCallEvent(this.#state, customer, { type: 'blindTransferRequested', at: this.#now(), target }));
    return { ok: true };
  }

  dismissNotice(id: number): void {
    this.#set(dismissNotice(this.#state, id));
  }

  /**
   * Legs that must not outlive their call: after a completed transfer this agent hangs up both
   * (the customer's new dialog is with the consultee now), and a customer hanging up while the
   * consult still rings cancels the consult.
   */
  #cleanUpLegs(before: PhoneState, event: PhoneEvent): void {
    const gone =
      event.type === 'transfer-accepted'
        ? [event.callId]
        : event.type === 'ended' && !this.#state.calls.some((c) => c.info.callId === event.callId)
          ? [event.callId]
          : [];
    for (const customer of gone) {
      const legs = before.calls.filter((c) => c.consultFor === customer).map((c) => c.info.callId);
      if (event.type !== 'transfer-accepted') {
        for (const id of legs) this.#engine.hangup(id);
        continue;
      }
      this.#engine.hangup(customer);
      void this.#engine.unmerge();
      // RFC 5589 §7: the transfer target ends the replaced consult dialog itself once the
      // customer's INVITE with Replaces is confirmed; our BYE racing that made the target's
      // takeover fail. Only a leg still up after a grace period is hung up here.
      setTimeout(() => legs.forEach((id) => this.#engine.hangup(id)), REPLACED_LEG_GRACE_MS);
    }
  }

  /**
   * After-call work and breaks pause the agent in their queues on the server, so the ACD stops
   * choosing them at all (486 alone still costs the caller a ring). One request per change:
   * "unpause" exactly once when wrap-up or a break ends, and a first sync when signed in (which
   * also unpauses an agent whose app restarted in the middle of wrap-up).
   */
  #syncQueuePause(state: PhoneState): void {
    const { queuePause } = this.#pause;
    if (queuePause === 'reject' || state.registration.state !== 'registered') return;
    const kind = state.agent.kind;
    if (kind !== 'available' && kind !== 'wrap-up' && kind !== 'break') return;
    const paused = kind !== 'available';
    if (paused === this.#paused) return;
    this.#paused = paused;
    const command = paused ? 'pause' : 'unpause';
    const failed = (error: CommandError) => this.#set(notify(this.#state, { kind: 'command-failed', command, error }));
    switch (queuePause) {
      case 'message':
        void this.#engine.sendControlMessage(QUEUE_CONTROL_USER, command).then((sent) => sent.ok || failed(sent.error));
        return;
      case 'feature-code': {
        const code = paused ? this.#pause.pauseCode : this.#pause.unpauseCode;
        void this.#engine.dialFeatureCode(code).then((dialled) => dialled.ok || failed(dialled.error));
        return;
      }
      case 'unregister':
        this.#engine.setQueueContact(!paused);
        return;
      default:
        throw missingCaseError(queuePause);
    }
  }

  #agent(event: AgentEvent): void {
    this.#set(reduceAgentEvent(this.#state, event));
  }

  #report(command: string, result: { ok: true } | { ok: false; error: CommandError }): Outcome {
    if (result.ok) return { ok: true };
    this.#set(notify(this.#state, { kind: 'command-failed', command, error: result.error }));
    return result;
  }

  #set(next: PhoneState): void {
    if (next === this.#state) return;
    this.#state = next;
    // Only an Available agent (or one on a single call, for call waiting) is offered calls; the rest get 486.
    this.#engine.setAvailable(acceptsCalls(next));
    // A server that lost us (a dropped connection, a restart, a new sign-in) may have forgotten
    // the pause too: the next registration tells it again, whatever it was told before.
    if (next.registration.state !== 'registered') this.#paused = undefined;
    this.#syncQueuePause(next);
    for (const listener of this.#listeners) listener();
    const pending = this.#pendingSignIn;
    if (pending && next.calls.length === 0) {
      // The last call is over: the sign-in change saved during it applies now (after this event's listeners).
      this.#pendingSignIn = undefined;
      queueMicrotask(() => {
        const { signInDeferred: _applied, ...rest } = this.#state;
        this.#set(rest);
        this.signIn(pending.settings, pending.password);
      });
    }
  }
}

/** The sign-in fields of a configuration, as one comparable value (the password included). */
function signInKey(config: PhoneConfig): string {
  const { serverUrl, sipUri, password, authUser, displayName, iceServers } = config;
  return JSON.stringify([serverUrl, sipUri, password, authUser ?? '', displayName ?? '', iceServers ?? []]);
}

function phoneConfigOf(settings: SettingsView, password: string): PhoneConfig {
  return {
    serverUrl: settings.serverUrl,
    sipUri: settings.sipUri,
    password,
    ...(settings.authUser ? { authUser: settings.authUser } : {}),
    ...(settings.displayName ? { displayName: settings.displayName } : {}),
    iceServers: settings.iceServers.map((s) => ({ ...s })),
    dtmfTransport: settings.dtmfMode,
  };
}

export function usePhoneState(store: PhoneStore): PhoneState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
