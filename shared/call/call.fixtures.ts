// Sample calls and events for the call tests: pure data, kept out of the test files so each stays readable.
import type { CallBase, CallEventOf, CallEventType, CallOf, CallPhase, TransferTarget } from './call';

export const T = 1_700_000_000_000;
/** The customer was answered, put on hold, a consult dialed, answered and merged at these instants. */
export const ANSWERED = T + 5_000;
export const HELD = T + 10_000;
export const CONSULT_DIALED = T + 20_000;
export const CONSULT_ANSWERED = T + 25_000;
export const MERGED = T + 30_000;
/** When every sample event happens. */
export const NOW = T + 40_000;

export const SENIOR: TransferTarget = { kind: 'queue', queue: 'senior' };
export const TECHNICAL: TransferTarget = { kind: 'queue', queue: 'technical' };
export const EXTERNAL: TransferTarget = { kind: 'external', number: '+15550100' };

export const inbound: CallBase = {
  callId: 'call-1',
  direction: 'inbound',
  remote: { uri: 'sip:+15551234@pbx.example', displayName: 'Dana Customer' },
  startedAt: T,
  holds: [],
  consults: [],
};
export const outbound: CallBase = { ...inbound, direction: 'outbound' };

export const ringingLeg = { target: SENIOR, dialedAt: CONSULT_DIALED } as const;
export const answeredLeg = { ...ringingLeg, answeredAt: CONSULT_ANSWERED } as const;
export const mergedLeg = { ...answeredLeg, mergedAt: MERGED } as const;

const active: CallOf<'active'> = { ...inbound, phase: 'active', answeredAt: ANSWERED };

/** One typical call in each phase: a mapped type, so a new phase does not compile until it has one. */
export const calls: { readonly [P in CallPhase]: CallOf<P> } = {
  offered: { ...inbound, phase: 'offered' },
  dialing: { ...outbound, phase: 'dialing' },
  active,
  'on-hold': { ...inbound, phase: 'on-hold', answeredAt: ANSWERED, holds: [{ start: HELD }] },
  'consult-ringing': {
    ...inbound,
    phase: 'consult-ringing',
    answeredAt: ANSWERED,
    holds: [{ start: CONSULT_DIALED }],
    consult: ringingLeg,
  },
  consulting: {
    ...inbound,
    phase: 'consulting',
    answeredAt: ANSWERED,
    holds: [{ start: CONSULT_DIALED }],
    consult: answeredLeg,
    talkingTo: 'consult',
  },
  'three-way': {
    ...inbound,
    phase: 'three-way',
    answeredAt: ANSWERED,
    holds: [{ start: CONSULT_DIALED, end: MERGED }],
    consult: mergedLeg,
  },
  'customer-left': {
    ...inbound,
    phase: 'customer-left',
    answeredAt: ANSWERED,
    holds: [{ start: CONSULT_DIALED, end: MERGED }],
    consult: answeredLeg,
    customerLeftAt: MERGED,
  },
  transferring: {
    ...inbound,
    phase: 'transferring',
    answeredAt: ANSWERED,
    transfer: { mode: 'blind', target: EXTERNAL, requestedAt: MERGED },
    resumeTo: active,
  },
  ended: { ...inbound, phase: 'ended', answeredAt: ANSWERED, endedAt: MERGED, endReason: { kind: 'local-hangup' } },
};

/** One typical event of each type, all at `NOW`. */
export const events: { readonly [E in CallEventType]: CallEventOf<E> } = {
  answered: { type: 'answered', at: NOW },
  rejected: { type: 'rejected', at: NOW, sipStatus: 603 },
  ringTimedOut: { type: 'ringTimedOut', at: NOW },
  held: { type: 'held', at: NOW },
  resumed: { type: 'resumed', at: NOW },
  consultDialed: { type: 'consultDialed', at: NOW, target: TECHNICAL },
  consultAnswered: { type: 'consultAnswered', at: NOW },
  consultFailed: { type: 'consultFailed', at: NOW, reason: 'busy', sipStatus: 486 },
  consultCancelled: { type: 'consultCancelled', at: NOW },
  swapped: { type: 'swapped', at: NOW },
  merged: { type: 'merged', at: NOW },
  blindTransferRequested: { type: 'blindTransferRequested', at: NOW, target: EXTERNAL },
  attendedTransferRequested: { type: 'attendedTransferRequested', at: NOW },
  transferCompleted: { type: 'transferCompleted', at: NOW },
  transferFailed: { type: 'transferFailed', at: NOW, sipStatus: 603 },
  transferTimedOut: { type: 'transferTimedOut', at: NOW },
  transferWithdrawn: { type: 'transferWithdrawn', at: NOW },
  customerHungUp: { type: 'customerHungUp', at: NOW },
  consultPartyHungUp: { type: 'consultPartyHungUp', at: NOW },
  localHangup: { type: 'localHangup', at: NOW },
  failed: { type: 'failed', at: NOW, sipStatus: 488 },
};
