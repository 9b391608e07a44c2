import { err, ok, type Result } from '../result';
import {
  CALL_EVENT_TYPES,
  type ActiveCall,
  type Call,
  type CallEndReason,
  type CallEvent,
  type CallEventOf,
  type CallEventType,
  type CallOf,
  type CallPhase,
  type ConsultingCall,
  type ConsultOutcome,
  type ConsultRingingCall,
  type CustomerLeftCall,
  type OnHoldCall,
  type ThreeWayCall,
  type TransferIssue,
  type TransferringCall,
} from './call';
import { activeFrom, baseOf, closeConsult, closeHold, endCall, onHoldFrom, openHold } from './call-timeline';

export interface IllegalCallTransition {
  readonly kind: 'illegal-transition';
  readonly from: CallPhase;
  readonly event: CallEvent;
}

/**
 * The call lifecycle as data: a row per phase, an entry per event that phase accepts.
 * Each entry receives the narrowed call and event, so an entry for a pair that makes no sense does not compile;
 * a missing entry is an illegal transition. `ended` has no entries: nothing moves a finished call.
 */
type CallTransitionTable = {
  readonly [P in CallPhase]: {
    readonly [T in CallEventType]?: (call: CallOf<P>, event: CallEventOf<T>) => Call;
  };
};

const LOCAL: CallEndReason = { kind: 'local-hangup' };
const REMOTE: CallEndReason = { kind: 'remote-hangup' };
const MISSED: CallEndReason = { kind: 'missed' };

const CALL_TRANSITIONS: CallTransitionTable = {
  offered: {
    answered: (c, e) => ({ ...baseOf(c), phase: 'active', answeredAt: e.at }),
    rejected: (c, e) => endCall(c, e.at, withStatus('rejected', e.sipStatus)),
    ringTimedOut: (c, e) => endCall(c, e.at, MISSED),
    // The caller giving up before the agent answered is a missed call, not a hang-up on the agent.
    customerHungUp: (c, e) => endCall(c, e.at, MISSED),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  dialing: {
    answered: (c, e) => ({ ...baseOf(c), phase: 'active', answeredAt: e.at }),
    rejected: (c, e) => endCall(c, e.at, withStatus('rejected', e.sipStatus)),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  active: {
    held: (c, e) => onHoldFrom(c, e.at),
    consultDialed: (c, e) => consultRinging(c, e),
    blindTransferRequested: (c, e) => blindTransfer(c, e),
    customerHungUp: (c, e) => endCall(c, e.at, REMOTE),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  'on-hold': {
    resumed: (c, e) => activeFrom(c, e.at),
    consultDialed: (c, e) => consultRinging(c, e),
    blindTransferRequested: (c, e) => blindTransfer(c, e),
    customerHungUp: (c, e) => endCall(c, e.at, REMOTE),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  'consult-ringing': {
    consultAnswered: (c, e) => ({
      ...baseOf(c),
      phase: 'consulting',
      answeredAt: c.answeredAt,
      consult: { ...c.consult, answeredAt: e.at },
      talkingTo: 'consult',
    }),
    // The customer stays on hold: the agent takes them back with `resumed`, no re-INVITE behind the agent's back.
    consultFailed: (c, e) => consultGone(c, e.at, consultFailure(e)),
    consultCancelled: (c, e) => consultGone(c, e.at, { kind: 'cancelled' }),
    // Nobody to hand over to any more: the phone cancels the ringing consult leg with the call.
    customerHungUp: (c, e) => endCall(c, e.at, REMOTE),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  consulting: {
    swapped: (c, e) =>
      c.talkingTo === 'consult'
        ? { ...c, talkingTo: 'customer', holds: closeHold(c.holds, e.at) }
        : { ...c, talkingTo: 'consult', holds: openHold(c.holds, e.at) },
    merged: (c, e) => ({
      ...baseOf(c),
      phase: 'three-way',
      answeredAt: c.answeredAt,
      holds: closeHold(c.holds, e.at),
      consult: { ...c.consult, mergedAt: e.at },
    }),
    attendedTransferRequested: (c, e) => attendedTransfer(c, e),
    consultCancelled: (c, e) => consultGone(c, e.at, { kind: 'cancelled' }),
    consultPartyHungUp: (c, e) => consultGone(c, e.at, { kind: 'consult-party-hung-up' }),
    customerHungUp: (c, e) => customerLeft(c, e.at),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  'three-way': {
    // "Leave the conference": a mix lives on the agent's machine, so leaving hands the two parties to each other by REFER.
    attendedTransferRequested: (c, e) => attendedTransfer(c, e),
    consultCancelled: (c, e) => consultGone(c, e.at, { kind: 'cancelled' }),
    consultPartyHungUp: (c, e) => consultGone(c, e.at, { kind: 'consult-party-hung-up' }),
    customerHungUp: (c, e) => customerLeft(c, e.at),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  // The customer's call ended when they hung up; what follows is the agent finishing with the consult party.
  'customer-left': {
    consultPartyHungUp: (c, e) => endCall(c, e.at, REMOTE, { kind: 'consult-party-hung-up' }),
    localHangup: (c, e) => endCall(c, e.at, REMOTE),
    failed: (c, e) => endCall(c, e.at, REMOTE),
  },
  // A consult-leg BYE while an attended transfer is out is the replaced dialog closing (RFC 3891), not news:
  // it is refused here, and the outcome arrives as transferCompleted or transferFailed.
  transferring: {
    transferCompleted: (c, e) =>
      endCall(c, e.at, { kind: 'transfer-completed', mode: c.transfer.mode, target: c.transfer.target }, { kind: 'transferred' }),
    transferFailed: (c, e) =>
      withIssue(c.resumeTo, e.sipStatus === undefined ? { kind: 'refused' } : { kind: 'refused', sipStatus: e.sipStatus }),
    transferTimedOut: (c) => withIssue(c.resumeTo, { kind: 'timed-out' }),
    transferWithdrawn: (c) => withoutIssue(c.resumeTo),
    customerHungUp: (c, e) => endCall(c, e.at, REMOTE),
    localHangup: (c, e) => endCall(c, e.at, LOCAL),
    failed: (c, e) => endCall(c, e.at, withStatus('failed', e.sipStatus)),
  },
  ended: {},
};

function consultRinging(c: ActiveCall | OnHoldCall, e: CallEventOf<'consultDialed'>): ConsultRingingCall {
  return {
    ...baseOf(c),
    phase: 'consult-ringing',
    answeredAt: c.answeredAt,
    holds: openHold(c.holds, e.at),
    consult: { target: e.target, dialedAt: e.at },
  };
}

/** Back to the customer alone: held if the agent was talking to the consult party, else talking. */
function consultGone(
  c: ConsultRingingCall | ConsultingCall | ThreeWayCall,
  at: number,
  outcome: ConsultOutcome,
): ActiveCall | OnHoldCall {
  const customerHeld = c.phase === 'consult-ringing' || (c.phase === 'consulting' && c.talkingTo === 'consult');
  const back = customerHeld ? onHoldFrom(c, at) : activeFrom(c, at);
  return { ...back, consults: closeConsult(c, c.consult, at, outcome) };
}

function customerLeft(c: ConsultingCall | ThreeWayCall, at: number): CustomerLeftCall {
  return {
    ...baseOf(c),
    phase: 'customer-left',
    answeredAt: c.answeredAt,
    holds: closeHold(c.holds, at),
    consult: c.consult,
    customerLeftAt: at,
  };
}

function blindTransfer(c: ActiveCall | OnHoldCall, e: CallEventOf<'blindTransferRequested'>): TransferringCall {
  return {
    ...baseOf(c),
    phase: 'transferring',
    answeredAt: c.answeredAt,
    transfer: { mode: 'blind', target: e.target, requestedAt: e.at },
    resumeTo: c,
  };
}

function attendedTransfer(c: ConsultingCall | ThreeWayCall, e: CallEventOf<'attendedTransferRequested'>): TransferringCall {
  return {
    ...baseOf(c),
    phase: 'transferring',
    answeredAt: c.answeredAt,
    transfer: { mode: 'attended', target: c.consult.target, requestedAt: e.at },
    resumeTo: c,
  };
}

/** An attended transfer that did not land is remembered on the consult (the bar says why); a blind one goes back as it was. */
function withIssue(back: TransferringCall['resumeTo'], issue: TransferIssue): TransferringCall['resumeTo'] {
  return back.phase === 'consulting' || back.phase === 'three-way' ? { ...back, transferIssue: issue } : back;
}

function withoutIssue(back: TransferringCall['resumeTo']): TransferringCall['resumeTo'] {
  if (back.phase !== 'consulting' && back.phase !== 'three-way') return back;
  const { transferIssue: _gone, ...rest } = back;
  return rest;
}

function consultFailure(e: CallEventOf<'consultFailed'>): ConsultOutcome {
  return {
    kind: 'failed',
    reason: e.reason,
    ...(e.sipStatus !== undefined ? { sipStatus: e.sipStatus } : {}),
    ...(e.declineReason !== undefined ? { declineReason: e.declineReason } : {}),
  };
}

function withStatus(kind: 'rejected' | 'failed', sipStatus: number | undefined): CallEndReason {
  return sipStatus === undefined ? { kind } : { kind, sipStatus };
}

type AnyTransition = (call: Call, event: CallEvent) => Call;

function entryFor(phase: CallPhase, type: CallEventType): AnyTransition | undefined {
  // TypeScript cannot correlate a call's phase with its row (microsoft/TypeScript#30581);
  // the mapped table type above guarantees row[phase][type] takes exactly that call and that event.
  const row = CALL_TRANSITIONS[phase] as Partial<Record<CallEventType, AnyTransition>>;
  return row[type];
}

export function transitionCall(call: Call, event: CallEvent): Result<Call, IllegalCallTransition> {
  const entry = entryFor(call.phase, event.type);
  return entry === undefined ? err({ kind: 'illegal-transition', from: call.phase, event }) : ok(entry(call, event));
}

/** Whether any event of this type leads out of the call's phase: enough to enable a button. */
export function canTransitionCall(call: Call, eventType: CallEventType): boolean {
  return entryFor(call.phase, eventType) !== undefined;
}

/** The event types the call's phase accepts, in `CALL_EVENT_TYPES` order. */
export function allowedCallEvents(call: Call): readonly CallEventType[] {
  return CALL_EVENT_TYPES.filter((type) => canTransitionCall(call, type));
}
