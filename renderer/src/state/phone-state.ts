import type { AgentState } from '../../../shared/agent';
import type { Call, ConsultFailureReason, TransferTarget } from '../../../shared/call';
import type { CallId, CallInfo, CallNetworkState, CommandError, DeclineReason, RegistrationStatus } from '../phone';

/** One live call as the UI sees it: the shared lifecycle plus what the lifecycle does not model. */
export interface CallEntry {
  readonly info: CallInfo;
  readonly call: Call;
  /** Arrived while the agent was already on a call (call waiting). */
  readonly waiting: boolean;
  readonly muted: boolean;
  /** The far end put us on hold (its re-INVITE), which is not the agent's hold. */
  readonly heldByRemote: boolean;
  /** Outbound: the far end is ringing (180). */
  readonly remoteRinging: boolean;
  /** Outbound: waiting in a queue for a member (182 Queued) until a member rings or answers. */
  readonly queued?: boolean;
  /** This is the consult leg of that customer call (escalation); shown inside the customer's card. */
  readonly consultFor?: CallId;
  /** Network trouble on this call (absent when healthy): "Reconnecting…", or the agent's choice when stalled. */
  readonly network?: Exclude<CallNetworkState, 'recovered'>;
}

/** Something the agent must be told once: shown as a dismissable line, newest first. */
export type Notice =
  | { readonly id: number; readonly kind: 'refused'; readonly caller: string; readonly queue?: string }
  | { readonly id: number; readonly kind: 'hold-failed'; readonly status: number; readonly resuming: boolean }
  | {
      readonly id: number;
      readonly kind: 'command-failed';
      readonly command: string;
      readonly error: CommandError | 'dial-input';
    }
  | {
      readonly id: number;
      readonly kind: 'call-ended';
      readonly caller: string;
      readonly cause: string;
      readonly status?: number;
    }
  | {
      readonly id: number;
      readonly kind: 'consult-failed';
      readonly reason: ConsultFailureReason;
      readonly status?: number;
      readonly declineReason?: DeclineReason;
    }
  | { readonly id: number; readonly kind: 'consult-party-left' }
  | { readonly id: number; readonly kind: 'customer-left-during-consult'; readonly caller: string }
  | { readonly id: number; readonly kind: 'transfer-failed'; readonly status?: number };

export type NoticeBody = Notice extends infer N ? (N extends Notice ? Omit<N, 'id'> : never) : never;

/** The most recently ended call: wrap-up and history start from it. */
export interface EndedCall {
  readonly info: CallInfo;
  readonly call: Call;
}

/** Something the OS side asked the UI to open (a tel: link to dial, the escalate shortcut); `id` tells repeats apart. */
export type Intent =
  { readonly id: number; readonly kind: 'escalate' } | { readonly id: number; readonly kind: 'dial'; readonly target: string };

export interface PhoneState {
  readonly registration: RegistrationStatus;
  readonly agent: AgentState;
  /** What the agent was doing when the connection dropped, so a break survives a reconnect. */
  readonly beforeDrop?: AgentState;
  readonly calls: readonly CallEntry[];
  readonly lastEnded?: EndedCall;
  readonly notices: readonly Notice[];
  readonly nextNoticeId: number;
  readonly intent?: Intent;
  /** A consult call being dialled for this customer call: the next `dialing` event is its leg. */
  readonly pendingConsult?: { readonly customer: CallId; readonly target: TransferTarget };
  /**
   * Notes the agent takes during a call, by call id: they start that call's wrap-up form (which
   * saves them to disk) and are dropped when its wrap-up is finished.
   */
  readonly callNotes?: Readonly<Record<string, string>>;
  /** Sign-in settings were saved during a call: they apply when the calls end (the settings form says so). */
  readonly signInDeferred?: boolean;
}

export const MAX_NOTICES = 5;

/**
 * A consult's notices (consult-failed, consult-party-left, customer-left-during-consult, transfer-failed) belong
 * to its call's escalation: they go when a new consult starts or the call ends (walk fault 7).
 */
export function withoutConsultNotices(notices: readonly Notice[]): readonly Notice[] {
  return notices.filter((n) => !/consult|transfer/.test(n.kind));
}

export const INITIAL_PHONE_STATE: PhoneState = {
  registration: { state: 'stopped' },
  agent: { kind: 'offline' },
  calls: [],
  notices: [],
  nextNoticeId: 1,
};

export function findCall(state: PhoneState, callId: CallId): CallEntry | undefined {
  return state.calls.find((c) => c.info.callId === callId);
}

/** The call the agent is talking on: answered and not held by the agent (a consult leg counts). */
export function talkingCall(state: PhoneState): CallEntry | undefined {
  return state.calls.find((c) => c.call.phase === 'active' || c.call.phase === 'three-way');
}

/** The consult leg of a customer call, if one is up or ringing. */
export function consultLegOf(state: PhoneState, customer: CallId): CallEntry | undefined {
  return state.calls.find((c) => c.consultFor === customer);
}

/** The customer calls (everything but consult legs): what the call cards show. */
export function customerCalls(state: PhoneState): readonly CallEntry[] {
  return state.calls.filter((c) => c.consultFor === undefined);
}

/** Whether the phone should take a new INVITE: available, or on one call (call waiting, one at a time). */
export function acceptsCalls(state: PhoneState): boolean {
  if (state.agent.kind === 'available') return state.calls.length === 0;
  return state.agent.kind === 'on-call' && state.calls.length === 1;
}
