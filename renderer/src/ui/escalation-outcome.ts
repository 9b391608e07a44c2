import { type TFunction } from '../i18n';
import { DECLINE_REASONS, type DeclineReason } from '../../../shared/call/call';
import type { EscalationOutcome, HistoryEscalation } from '../../../shared/history';
import { missingCaseError } from '../../../shared/result';

/** Where an escalation went, in the agent's words: "Senior queue", "Sam Senior", "+3120…". */
export type OutcomeTarget = string;

export function historyTargetText(target: HistoryEscalation['target'], t: TFunction): OutcomeTarget {
  switch (target.kind) {
    case 'queue':
      return target.value === 'senior' || target.value === 'technical' ? t(`escalation.targets.${target.value}`) : target.value;
    case 'agent':
      return target.name || target.value;
    case 'external':
      return target.value;
    default:
      throw missingCaseError(target.kind);
  }
}

const isDeclineReason = (why: string | undefined): why is DeclineReason =>
  why !== undefined && (DECLINE_REASONS as readonly string[]).includes(why);

/**
 * What became of an escalation, one line: "Declined by Senior queue: This is not my area",
 * "Escalation to Senior queue failed: busy (SIP 486)". A failed escalation never reads as escalated.
 */
export function escalationOutcomeText(outcome: EscalationOutcome, target: OutcomeTarget, t: TFunction): string {
  switch (outcome.kind) {
    case 'transferred':
    case 'three-way':
    case 'cancelled':
    case 'blind':
      return t(`escalationOutcome.${outcome.kind}`, { target });
    case 'declined':
      return outcome.reason
        ? t('escalationOutcome.declinedWhy', { target, why: t(`declineReasons.${outcome.reason}`) })
        : t('escalationOutcome.declined', { target });
    case 'failed': {
      const why = t(`escalationOutcome.failure.${outcome.reason}`);
      return outcome.sipStatus !== undefined
        ? t('escalationOutcome.failedStatus', { target, why, status: outcome.sipStatus })
        : t('escalationOutcome.failed', { target, why });
    }
    default:
      throw missingCaseError(outcome);
  }
}

/** A history row's escalation as the outcome it records (the row carries it in columns). */
export function historyOutcome(e: HistoryEscalation): EscalationOutcome {
  const status = e.sipStatus !== undefined ? { sipStatus: e.sipStatus } : {};
  switch (e.outcome) {
    case 'declined':
      return { kind: 'declined', ...(isDeclineReason(e.outcomeReason) ? { reason: e.outcomeReason } : {}), ...status };
    case 'failed': {
      const reason = e.outcomeReason;
      return {
        kind: 'failed',
        reason: reason === 'no-answer' || reason === 'busy' || reason === 'no-agents' ? reason : 'error',
        ...status,
      };
    }
    case 'transferred':
    case 'three-way':
    case 'cancelled':
    case 'blind':
      return { kind: e.outcome };
    default:
      throw missingCaseError(e.outcome);
  }
}
