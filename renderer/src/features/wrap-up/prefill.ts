import { type TFunction } from '../../i18n';
import type { EscalationContext } from '../../../../shared/escalation';
import { WRAP_UP_LIMITS } from '../../../../shared/history/limits';
import type { EscalationOutcome } from '../../../../shared/history';
import { truncateText } from '../../../../shared/text';
import { escalationOutcomeText } from '../../ui/escalation-outcome';

/**
 * Whose side of the escalation this agent was on: `sent` escalated it, `received` took the customer
 * over, `consulted` only talked with the colleague (a cancelled consult, a three-way that ended).
 */
export type EscalationRole = 'sent' | 'received' | 'consulted';

/**
 * The role of the colleague whose call brought a context: only the customer's call that replaced
 * the consult (a completed warm transfer) or their own call (a blind transfer) took the customer
 * over; the consult call itself, ended without the customer, was a consult (walk fault 4).
 */
export function receivedRole(call: { readonly colleagueConsult?: true; readonly replaces?: string }): EscalationRole {
  return call.colleagueConsult && call.replaces === undefined ? 'consulted' : 'received';
}

/**
 * The first notes of an escalated call's wrap-up, from its context: the agent who escalated
 * records where it went and why; the colleague who took it over (or was only consulted) records
 * where it came from and what was already known. Plain text (rendered in a textarea), cut to the notes limit.
 */
export function notesFromEscalation(
  context: EscalationContext,
  role: EscalationRole,
  t: TFunction,
  /** What became of a sent escalation: a failed one must not read "Escalated to …". */
  outcome?: EscalationOutcome,
): string {
  const reason = t(`escalation.reasons.${context.reason}`);
  const target =
    context.target.kind === 'queue'
      ? t(`escalation.targets.${context.target.queue}`)
      : context.target.kind === 'agent'
        ? (context.target.displayName ?? context.target.agentId)
        : context.target.number;
  const from = context.agent.name || context.agent.id;
  const first =
    role !== 'sent'
      ? t(role === 'received' ? 'wrapUp.prefill.takenOverFrom' : 'wrapUp.prefill.consultedBy', { from, reason })
      : outcome
        ? t('wrapUp.prefill.escalation', { reason, outcome: escalationOutcomeText(outcome, target, t) })
        : t('wrapUp.prefill.escalatedTo', { target, reason });
  const lines = [
    first,
    ...(context.customer.reference ? [t('wrapUp.prefill.reference', { text: context.customer.reference })] : []),
    t('wrapUp.prefill.summary', { text: context.summary }),
    ...(context.tried ? [t('wrapUp.prefill.tried', { text: context.tried })] : []),
    ...(context.promised ? [t('wrapUp.prefill.promised', { text: context.promised })] : []),
    ...(role !== 'sent' && context.note ? [t('wrapUp.prefill.note', { text: context.note })] : []),
  ];
  return truncateText(`${lines.join('\n')}\n`, WRAP_UP_LIMITS.notes);
}

/**
 * The notes a fresh wrap-up starts with when the agent typed call notes: those first, then the
 * escalation's (if any), cut to the notes limit between characters (issue 17, finding 9: a
 * `.slice` could keep half an emoji, and every draft save was then refused as broken text).
 * Undefined when nothing was typed during the call.
 */
export function startingNotes(callNotes: string | undefined, fromEscalation: string | undefined): string | undefined {
  const during = callNotes?.trim() ?? '';
  if (during === '') return undefined;
  const notes = fromEscalation ? `${during}\n\n${fromEscalation}` : `${during}\n`;
  return truncateText(notes, WRAP_UP_LIMITS.notes);
}
