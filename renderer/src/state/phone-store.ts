import { useSyncExternalStore } from 'react';
import type { AgentEvent, BreakReason } from '../../../shared/agent';
import { dialTargetUser, normaliseDialString } from '../../../shared/dialing/normalise';
import type { SettingsView } from '../../../shared/settings';
import type { CallId, CommandError, Phone, PhoneConfig } from '../phone';
import { dismissNotice, notify, reduceAgentEvent, reducePhoneEvent } from './phone-reducer';
import { acceptsCalls, INITIAL_PHONE_STATE, talkingCall, type PhoneState } from './phone-state';

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
  | 'mute'
  | 'unmute'
  | 'sendDtmf'
  | 'call'
>;

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

  constructor(engine: PhoneEngine, now: () => number = Date.now) {
    this.#engine = engine;
    this.#now = now;
    engine.on((event) => this.#set(reducePhoneEvent(this.#state, event, this.#now())));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): PhoneState => this.#state;

  /** Signs in with the saved settings; problems come back per field. */
  signIn(settings: SettingsView, password: string): readonly string[] {
    this.#defaultCountry = settings.defaultCountry;
    this.#dtmfMode = settings.dtmfMode;
    const config: PhoneConfig = {
      serverUrl: settings.serverUrl,
      sipUri: settings.sipUri,
      password,
      ...(settings.authUser ? { authUser: settings.authUser } : {}),
      ...(settings.displayName ? { displayName: settings.displayName } : {}),
      iceServers: settings.iceServers.map((s) => ({ ...s })),
      dtmfTransport: settings.dtmfMode,
    };
    const configured = this.#engine.configure(config);
    if (!configured.ok) return configured.error;
    const started = this.#engine.start();
    return started.ok ? [] : [started.error];
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
    if (agent.kind === 'wrap-up') this.#agent({ type: 'wrapUpFinished', callId: agent.callId, at: this.#now() });
  }

  /** Answers; with another call up, holds that one first (call waiting: hold and answer). */
  async answer(callId: CallId): Promise<Outcome> {
    const talking = talkingCall(this.#state);
    if (talking && talking.info.callId !== callId) this.#report('hold', this.#engine.hold(talking.info.callId));
    return this.#report('answer', await this.#engine.answer(callId));
  }

  reject(callId: CallId): Outcome {
    return this.#report('reject', this.#engine.reject(callId));
  }

  hangup(callId: CallId): Outcome {
    return this.#report('hangup', this.#engine.hangup(callId));
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

  dismissNotice(id: number): void {
    this.#set(dismissNotice(this.#state, id));
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
    for (const listener of this.#listeners) listener();
  }
}

export function usePhoneState(store: PhoneStore): PhoneState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
