import type { EndedCall, PastConsult } from '../call/call';
import { missingCaseError } from '../result';
import type { EscalationOutcome } from './escalation-record';

/** How the agent sent an escalation: a consult first, or straight through (blind). */
export type EscalationMode = 'consult' | 'blind';

/**
 * What became of each escalation the agent sent on a call, in the order sent. The call model
 * knows the consult legs and how the call ended; the escalation log knows which escalation went
 * with which mode: the n-th consult escalation is the n-th consult leg. A blind escalation is
 * `blind` only if the call ended by that blind transfer, else it `failed`.
 */
export function sentEscalationOutcomes(call: EndedCall, modes: readonly EscalationMode[]): EscalationOutcome[] {
  let consults = 0;
  const blindLanded = call.endReason.kind === 'transfer-completed' && call.endReason.mode === 'blind';
  return modes.map((mode, i) => {
    if (mode === 'blind') {
      // Only the last escalation can have ended the call.
      const last = i === modes.length - 1;
      return last && blindLanded ? { kind: 'blind' } : { kind: 'failed', reason: 'error' };
    }
    return consultOutcome(call.consults[consults++]);
  });
}

export function consultOutcome(consult: PastConsult | undefined): EscalationOutcome {
  // The consult never started (the phone refused the call): nothing was handed over.
  if (!consult) return { kind: 'failed', reason: 'error' };
  const outcome = consult.outcome;
  switch (outcome.kind) {
    case 'transferred':
      return { kind: 'transferred' };
    case 'failed': {
      const status = outcome.sipStatus !== undefined ? { sipStatus: outcome.sipStatus } : {};
      if (outcome.reason === 'declined')
        return { kind: 'declined', ...(outcome.declineReason ? { reason: outcome.declineReason } : {}), ...status };
      return { kind: 'failed', reason: outcome.reason, ...status };
    }
    case 'cancelled':
    case 'consult-party-hung-up':
    case 'call-ended':
      return consult.mergedAt !== undefined ? { kind: 'three-way' } : { kind: 'cancelled' };
    default:
      throw missingCaseError(outcome);
  }
}

/** Did the customer end up with the party escalated to? (The wrap-up's "escalated" disposition.) */
export function handedOver(outcome: EscalationOutcome): boolean {
  return outcome.kind === 'transferred' || outcome.kind === 'three-way' || outcome.kind === 'blind';
}

/**
 * The same escalation as the colleague who received it records it. They see less: a consult that
 * was completed reaches them as the customer's INVITE replacing it (`tookOver`), a blind transfer
 * as the customer's own call (`blind`); a three-way call mixed on the sender's machine looks like
 * any consult that ended, and is recorded as `cancelled` here (the sender's record says which).
 */
export function receivedEscalationOutcome(
  call: EndedCall,
  how: { readonly tookOver: boolean; readonly blind: boolean },
): EscalationOutcome {
  if (how.tookOver) return { kind: 'transferred' };
  switch (call.endReason.kind) {
    case 'rejected':
      return { kind: 'declined', ...(call.endReason.sipStatus !== undefined ? { sipStatus: call.endReason.sipStatus } : {}) };
    case 'missed':
      return { kind: 'failed', reason: 'no-answer' };
    case 'failed':
      if (call.answeredAt === undefined)
        return {
          kind: 'failed',
          reason: 'error',
          ...(call.endReason.sipStatus !== undefined ? { sipStatus: call.endReason.sipStatus } : {}),
        };
      return how.blind ? { kind: 'blind' } : { kind: 'cancelled' };
    case 'local-hangup':
    case 'remote-hangup':
    case 'transfer-completed':
      return how.blind ? { kind: 'blind' } : { kind: 'cancelled' };
    default:
      throw missingCaseError(call.endReason);
  }
}
