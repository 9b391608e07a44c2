/** Why an agent takes a break; the list the break menu offers, in menu order. */
export const BREAK_REASONS = ['short', 'lunch', 'training', 'meeting', 'technical', 'other'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/**
 * Set by the ACD rule, never chosen: an offer that rang out (RONA) parks the agent on a break,
 * so calls stop going to an empty desk until the agent comes back and goes available.
 */
export type SystemBreakReason = 'missed-call';

export interface OfflineState {
  readonly kind: 'offline';
}

export interface AvailableState {
  readonly kind: 'available';
}

/** The ACD offered a call and the phone is ringing at the agent. */
export interface RingingState {
  readonly kind: 'ringing';
  readonly callId: string;
}

export interface OnCallState {
  readonly kind: 'on-call';
  readonly callId: string;
  /** Where the agent goes after wrap-up; settable during the call ("break after this call"). */
  readonly next: AfterWrapUp;
}

/** On a call and talking to (or ringing) a consult party: senior, technical queue, another agent. */
export interface ConsultingState {
  readonly kind: 'consulting';
  readonly callId: string;
  readonly next: AfterWrapUp;
}

/** After-call work: the ACD routes nothing until the agent finishes it. */
export interface WrapUpState {
  readonly kind: 'wrap-up';
  readonly callId: string;
  /** Epoch ms the call ended, so the UI can show ACW time and a policy can close it. */
  readonly startedAt: number;
  readonly next: AfterWrapUp;
}

export interface BreakState {
  readonly kind: 'break';
  readonly reason: BreakReason | SystemBreakReason;
  /** Free text the agent adds ("dentist", "team huddle"). */
  readonly note?: string;
}

/** The state the agent lands in when wrap-up is finished. */
export type AfterWrapUp = AvailableState | BreakState;

/** What the agent may choose for after wrap-up: a system reason is never a choice. */
export type WrapUpChoice =
  { readonly kind: 'available' } | { readonly kind: 'break'; readonly reason: BreakReason; readonly note?: string };

export type AgentState = OfflineState | AvailableState | RingingState | OnCallState | ConsultingState | WrapUpState | BreakState;

export type AgentStateKind = AgentState['kind'];
export type AgentStateOf<K extends AgentStateKind> = Extract<AgentState, { readonly kind: K }>;

/**
 * What happens to an agent, in the order an ACD and the phone report it.
 * Events about a call carry its `callId`, so a late event about an earlier call cannot move the agent.
 */
export type AgentEvent =
  | { readonly type: 'signedIn' }
  | { readonly type: 'signedOut' }
  /** Registration lost or the ACD logged the agent out: from any signed-in state. */
  | { readonly type: 'connectionLost' }
  | { readonly type: 'wentAvailable' }
  /** From available, or on a break to change its reason. */
  | { readonly type: 'tookBreak'; readonly reason: BreakReason; readonly note?: string }
  | { readonly type: 'callOffered'; readonly callId: string }
  /** The agent dials out; allowed on a break too (callbacks are made while not taking queue calls). */
  | { readonly type: 'callPlaced'; readonly callId: string }
  | { readonly type: 'callAnswered'; readonly callId: string }
  | { readonly type: 'callDeclined'; readonly callId: string }
  /** The offer rang out at this agent (ring-no-answer). */
  | { readonly type: 'callMissed'; readonly callId: string }
  /** The caller abandoned or the ACD took the offer back: not the agent's doing. */
  | { readonly type: 'offerWithdrawn'; readonly callId: string }
  | { readonly type: 'consultStarted'; readonly callId: string }
  | { readonly type: 'consultEnded'; readonly callId: string }
  /** The call is over for this agent: hung up, transferred away, or failed. */
  | { readonly type: 'callEnded'; readonly callId: string; readonly at: number }
  /**
   * Call waiting: the agent's call ended while another answered call of theirs is still up
   * (they held the first to answer a second). The agent stays on a call, now that one.
   */
  | { readonly type: 'callSwitched'; readonly callId: string; readonly to: string }
  | { readonly type: 'wrapUpNextChosen'; readonly next: WrapUpChoice }
  | { readonly type: 'wrapUpFinished'; readonly callId: string; readonly at: number }
  /**
   * The app stopped during a wrap-up (its draft is in storage) and started again: the agent is
   * back in it before any call can be offered, with the time it started and the state chosen for after.
   */
  | { readonly type: 'wrapUpRestored'; readonly callId: string; readonly startedAt: number; readonly next: WrapUpChoice };

export type AgentEventType = AgentEvent['type'];
export type AgentEventOf<T extends AgentEventType> = Extract<AgentEvent, { readonly type: T }>;

// Records rather than arrays: the compiler rejects a missing or unknown key, so these lists cannot drift from the unions.
const STATE_KINDS = {
  offline: true,
  available: true,
  ringing: true,
  'on-call': true,
  consulting: true,
  'wrap-up': true,
  break: true,
} as const satisfies Record<AgentStateKind, true>;

const EVENT_TYPES = {
  signedIn: true,
  signedOut: true,
  connectionLost: true,
  wentAvailable: true,
  tookBreak: true,
  callOffered: true,
  callPlaced: true,
  callAnswered: true,
  callDeclined: true,
  callMissed: true,
  offerWithdrawn: true,
  consultStarted: true,
  consultEnded: true,
  callEnded: true,
  callSwitched: true,
  wrapUpNextChosen: true,
  wrapUpFinished: true,
  wrapUpRestored: true,
} as const satisfies Record<AgentEventType, true>;

export const AGENT_STATE_KINDS = Object.keys(STATE_KINDS) as readonly AgentStateKind[];
export const AGENT_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly AgentEventType[];
