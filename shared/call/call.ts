/** The queues an agent escalates to. */
export type EscalationQueue = 'senior' | 'technical';

/** Where a consult or a blind transfer goes. */
export type TransferTarget =
  | { readonly kind: 'queue'; readonly queue: EscalationQueue }
  | { readonly kind: 'agent'; readonly agentId: string; readonly displayName?: string }
  | { readonly kind: 'external'; readonly number: string };

export type ConsultFailureReason = 'no-answer' | 'busy' | 'declined' | 'no-agents' | 'error';

/** Why a consultee declines an escalation: fixed tokens, sent in a Reason header (RFC 3326) and translated on arrival. */
export const DECLINE_REASONS = ['busy-with-customer', 'not-my-expertise', 'needs-supervisor', 'call-back-later'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface RemoteParty {
  readonly uri: string;
  /** Untrusted (it comes from SIP headers): render as text. */
  readonly displayName?: string;
}

/** One stretch of the customer on hold, in epoch ms; `end` is absent while it lasts. */
export interface HoldInterval {
  readonly start: number;
  readonly end?: number;
}

/** The second leg of a call: the agent's line to the party consulted. */
export interface ConsultLeg {
  readonly target: TransferTarget;
  readonly dialedAt: number;
  readonly answeredAt?: number;
  readonly mergedAt?: number;
}
export type AnsweredConsultLeg = ConsultLeg & { readonly answeredAt: number };

export type ConsultOutcome =
  | {
      readonly kind: 'failed';
      readonly reason: ConsultFailureReason;
      readonly sipStatus?: number;
      /** The consultee's own reason, when they declined with one. */
      readonly declineReason?: DeclineReason;
    }
  /** The agent hung up the consult leg. */
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'consult-party-hung-up' }
  | { readonly kind: 'transferred' }
  /** The whole call ended with the consult leg still up. */
  | { readonly kind: 'call-ended' };

export interface PastConsult extends ConsultLeg {
  readonly endedAt: number;
  readonly outcome: ConsultOutcome;
}

export type CallEndReason =
  | { readonly kind: 'local-hangup' }
  /** The customer hung up (also when the agent closed the call after the customer left a consult). */
  | { readonly kind: 'remote-hangup' }
  /** Inbound: the agent declined. Outbound: the far end declined or was busy. */
  | { readonly kind: 'rejected'; readonly sipStatus?: number }
  /** Inbound, never answered: it rang out or the caller gave up. */
  | { readonly kind: 'missed' }
  | { readonly kind: 'transfer-completed'; readonly mode: TransferMode; readonly target: TransferTarget }
  | { readonly kind: 'failed'; readonly sipStatus?: number };

export type TransferMode = 'blind' | 'attended';

/** What every phase of a call carries: identity and the timeline that wrap-up and history read. */
export interface CallBase {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly remote: RemoteParty;
  /** When it was offered (inbound) or dialed (outbound). */
  readonly startedAt: number;
  /** Customer-leg holds, oldest first; at most the last one is open. */
  readonly holds: readonly HoldInterval[];
  /** Finished consult legs, oldest first; a live one is on the phase. */
  readonly consults: readonly PastConsult[];
}

interface ConnectedCall extends CallBase {
  readonly answeredAt: number;
}

/** Inbound, ringing at the agent. */
export interface OfferedCall extends CallBase {
  readonly phase: 'offered';
}
/** Outbound, ringing at the far end. */
export interface DialingCall extends CallBase {
  readonly phase: 'dialing';
}
export interface ActiveCall extends ConnectedCall {
  readonly phase: 'active';
}
export interface OnHoldCall extends ConnectedCall {
  readonly phase: 'on-hold';
}
/** Customer held, the consult leg ringing. */
export interface ConsultRingingCall extends ConnectedCall {
  readonly phase: 'consult-ringing';
  readonly consult: ConsultLeg;
}
/**
 * Why the last attempt to complete the transfer did not land, while both legs are still up: the
 * customer's side refused the REFER or reported the new call failed, or no outcome came in time.
 */
export type TransferIssue = { readonly kind: 'refused'; readonly sipStatus?: number } | { readonly kind: 'timed-out' };

/** Both legs up, the agent talking to one and the other held; `swapped` flips them. */
export interface ConsultingCall extends ConnectedCall {
  readonly phase: 'consulting';
  readonly consult: AnsweredConsultLeg;
  readonly talkingTo: 'customer' | 'consult';
  readonly transferIssue?: TransferIssue;
}
/** Customer, agent and consult party in one conversation. */
export interface ThreeWayCall extends ConnectedCall {
  readonly phase: 'three-way';
  readonly consult: AnsweredConsultLeg & { readonly mergedAt: number };
  readonly transferIssue?: TransferIssue;
}
/** The customer hung up during a consult; the agent is still talking to the consult party and must be told. */
export interface CustomerLeftCall extends ConnectedCall {
  readonly phase: 'customer-left';
  readonly consult: AnsweredConsultLeg;
  readonly customerLeftAt: number;
}
/** A REFER is out and its outcome not yet known; a failure returns to `resumeTo` as it was. */
export interface TransferringCall extends ConnectedCall {
  readonly phase: 'transferring';
  readonly transfer: { readonly mode: TransferMode; readonly target: TransferTarget; readonly requestedAt: number };
  readonly resumeTo: ActiveCall | OnHoldCall | ConsultingCall | ThreeWayCall;
}
export interface EndedCall extends CallBase {
  readonly phase: 'ended';
  readonly answeredAt?: number;
  readonly customerLeftAt?: number;
  readonly endedAt: number;
  readonly endReason: CallEndReason;
}

export type Call =
  | OfferedCall
  | DialingCall
  | ActiveCall
  | OnHoldCall
  | ConsultRingingCall
  | ConsultingCall
  | ThreeWayCall
  | CustomerLeftCall
  | TransferringCall
  | EndedCall;

export type CallPhase = Call['phase'];
export type CallOf<P extends CallPhase> = Extract<Call, { readonly phase: P }>;
export type LiveCall = Exclude<Call, EndedCall>;

/** What the phone reports about a call; every event carries the epoch ms it happened, so the machine stays pure. */
export type CallEvent =
  | { readonly type: 'answered'; readonly at: number }
  | { readonly type: 'rejected'; readonly at: number; readonly sipStatus?: number }
  | { readonly type: 'ringTimedOut'; readonly at: number }
  | { readonly type: 'held'; readonly at: number }
  | { readonly type: 'resumed'; readonly at: number }
  | { readonly type: 'consultDialed'; readonly at: number; readonly target: TransferTarget }
  | { readonly type: 'consultAnswered'; readonly at: number }
  | {
      readonly type: 'consultFailed';
      readonly at: number;
      readonly reason: ConsultFailureReason;
      readonly sipStatus?: number;
      readonly declineReason?: DeclineReason;
    }
  /** The agent hangs up the consult leg (ringing or answered) and keeps the customer. */
  | { readonly type: 'consultCancelled'; readonly at: number }
  | { readonly type: 'swapped'; readonly at: number }
  | { readonly type: 'merged'; readonly at: number }
  | { readonly type: 'blindTransferRequested'; readonly at: number; readonly target: TransferTarget }
  /** Connect the customer to the consult party and leave (from a consult or a three-way). */
  | { readonly type: 'attendedTransferRequested'; readonly at: number }
  | { readonly type: 'transferCompleted'; readonly at: number }
  | { readonly type: 'transferFailed'; readonly at: number; readonly sipStatus?: number }
  /** No outcome of the REFER arrived in time: both legs are as they were. */
  | { readonly type: 'transferTimedOut'; readonly at: number }
  /** The agent went back to the customer before the REFER's outcome came: the transfer is given up. */
  | { readonly type: 'transferWithdrawn'; readonly at: number }
  | { readonly type: 'customerHungUp'; readonly at: number }
  | { readonly type: 'consultPartyHungUp'; readonly at: number }
  /** The agent hangs up the call: every leg still up goes with it. */
  | { readonly type: 'localHangup'; readonly at: number }
  | { readonly type: 'failed'; readonly at: number; readonly sipStatus?: number };

export type CallEventType = CallEvent['type'];
export type CallEventOf<T extends CallEventType> = Extract<CallEvent, { readonly type: T }>;

// Records rather than arrays: the compiler rejects a missing or unknown key, so these lists cannot drift from the unions.
const PHASES = {
  offered: true,
  dialing: true,
  active: true,
  'on-hold': true,
  'consult-ringing': true,
  consulting: true,
  'three-way': true,
  'customer-left': true,
  transferring: true,
  ended: true,
} as const satisfies Record<CallPhase, true>;

const EVENT_TYPES = {
  answered: true,
  rejected: true,
  ringTimedOut: true,
  held: true,
  resumed: true,
  consultDialed: true,
  consultAnswered: true,
  consultFailed: true,
  consultCancelled: true,
  swapped: true,
  merged: true,
  blindTransferRequested: true,
  attendedTransferRequested: true,
  transferCompleted: true,
  transferFailed: true,
  transferTimedOut: true,
  transferWithdrawn: true,
  customerHungUp: true,
  consultPartyHungUp: true,
  localHangup: true,
  failed: true,
} as const satisfies Record<CallEventType, true>;

export const CALL_PHASES = Object.keys(PHASES) as readonly CallPhase[];
export const CALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly CallEventType[];
