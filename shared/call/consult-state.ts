import { missingCaseError } from '../result';
import type { Call, ConsultFailureReason, TransferTarget } from './call';

/**
 * Every state of a warm transfer as the agent lives it, derived from the customer's call (its
 * phase, its last consult) and whether the consult leg is waiting in a queue. Each one has a way
 * back to the customer (`wayBackToCustomer`): no consult state is a dead end.
 */
export type ConsultState =
  /** The consult waits in the queue for a member (182 Queued). */
  | { readonly kind: 'queued'; readonly target: TransferTarget }
  /** A member or colleague is being rung. */
  | { readonly kind: 'ringing'; readonly target: TransferTarget }
  | { readonly kind: 'connected'; readonly target: TransferTarget; readonly talkingTo: 'customer' | 'consult' }
  | { readonly kind: 'three-way'; readonly target: TransferTarget }
  /** The REFER is out; its outcome has not come. */
  | { readonly kind: 'transfer-sent'; readonly target: TransferTarget }
  /** The customer's side refused the REFER or its call to the consulted party failed: both legs are still up. */
  | { readonly kind: 'transfer-refused'; readonly target: TransferTarget; readonly sipStatus?: number }
  /** No outcome of the REFER in time: both legs are still up. */
  | { readonly kind: 'transfer-timed-out'; readonly target: TransferTarget }
  /** The consult never connected (declined, busy, nobody free, no answer); the customer is on hold. */
  | {
      readonly kind: 'failed';
      readonly target: TransferTarget;
      readonly reason: ConsultFailureReason;
      readonly sipStatus?: number;
    }
  /** The customer hung up during the consult; the agent is still with the consulted party. */
  | { readonly kind: 'customer-left'; readonly target: TransferTarget };

export type ConsultStateKind = ConsultState['kind'];

const KINDS = {
  queued: true,
  ringing: true,
  connected: true,
  'three-way': true,
  'transfer-sent': true,
  'transfer-refused': true,
  'transfer-timed-out': true,
  failed: true,
  'customer-left': true,
} as const satisfies Record<ConsultStateKind, true>;

export const CONSULT_STATE_KINDS = Object.keys(KINDS) as readonly ConsultStateKind[];

/** What the consult leg adds that the customer's call does not know: it waits in a queue. */
export interface ConsultLegView {
  readonly queued: boolean;
}

/** The consult state of a customer call, or undefined when no consult is going on or has just failed. */
export function consultStateOf(call: Call, leg: ConsultLegView | undefined): ConsultState | undefined {
  switch (call.phase) {
    case 'consult-ringing':
      return { kind: leg?.queued ? 'queued' : 'ringing', target: call.consult.target };
    case 'consulting':
    case 'three-way': {
      const target = call.consult.target;
      const issue = call.transferIssue;
      if (issue?.kind === 'timed-out') return { kind: 'transfer-timed-out', target };
      if (issue?.kind === 'refused') return { kind: 'transfer-refused', target, ...withStatus(issue.sipStatus) };
      return call.phase === 'three-way'
        ? { kind: 'three-way', target }
        : { kind: 'connected', target, talkingTo: call.talkingTo };
    }
    case 'customer-left':
      return { kind: 'customer-left', target: call.consult.target };
    case 'transferring':
      return call.transfer.mode === 'attended' ? { kind: 'transfer-sent', target: call.transfer.target } : undefined;
    case 'on-hold': {
      // A consult that just failed leaves the customer on hold; the agent's next step is the bar's.
      const last = call.consults[call.consults.length - 1];
      return last?.outcome.kind === 'failed'
        ? { kind: 'failed', target: last.target, reason: last.outcome.reason, ...withStatus(last.outcome.sipStatus) }
        : undefined;
    }
    case 'offered':
    case 'dialing':
    case 'active':
    case 'ended':
      return undefined;
    default:
      throw missingCaseError(call);
  }
}

/**
 * The steps of the one action that takes the agent back to the customer, in order:
 * leave the local mix, end the consult leg (CANCEL or BYE; after a REFER this also withdraws the
 * transfer, since the Replaces target is gone), and take the customer off hold.
 */
export type BackStep = 'leave-three-way' | 'withdraw-transfer' | 'end-consult-leg' | 'resume-customer';

export function wayBackToCustomer(state: ConsultState): readonly BackStep[] {
  switch (state.kind) {
    case 'queued':
    case 'ringing':
    case 'connected':
    case 'transfer-refused':
    case 'transfer-timed-out':
      return ['end-consult-leg', 'resume-customer'];
    case 'three-way':
      return ['leave-three-way', 'end-consult-leg', 'resume-customer'];
    case 'transfer-sent':
      return ['withdraw-transfer', 'leave-three-way', 'end-consult-leg', 'resume-customer'];
    case 'failed':
      return ['resume-customer'];
    case 'customer-left':
      // Nobody to go back to: the one action ends the consult, and the call with it.
      return ['end-consult-leg'];
    default:
      throw missingCaseError(state);
  }
}

/**
 * Whether the call card's Hang up ends the consult leg: it ends whom the agent is talking to. With the
 * customer on hold (the consult ringing, queued or connected to the colleague) it ends the consult
 * leg and the customer stays on hold, to be resumed; after the customer left, the colleague is the
 * only one on the line. Otherwise (talking to the customer, a three-way, a transfer out, a plain
 * call) it ends the customer's call, and its consult leg goes with it: wrap-up follows.
 */
export function hangUpEndsConsult(call: Call): boolean {
  return (
    call.phase === 'consult-ringing' ||
    call.phase === 'customer-left' ||
    (call.phase === 'consulting' && call.talkingTo === 'consult')
  );
}

function withStatus(sipStatus: number | undefined): { readonly sipStatus?: number } {
  return sipStatus === undefined ? {} : { sipStatus };
}
