import type { TransferTarget } from '../../../../shared/call';
import {
  ESCALATION_REASON_INFO,
  ESCALATION_CONTEXT_VERSION,
  type EscalationContextInput,
  type EscalationReason,
  type Mood,
  type Severity,
} from '../../../../shared/escalation';
import { missingCaseError } from '../../../../shared/result';
import type { SettingsView } from '../../../../shared/settings';
import { totalHoldMs } from '../../../../shared/call';
import type { CallEntry } from '../../state/phone-state';

export type TargetChoice = 'senior' | 'technical' | 'agent' | 'external';

/** The escalation panel's form, as the agent edits it. */
export interface EscalationDraft {
  readonly target: TargetChoice;
  /** The agent id or external number, for those two targets. */
  readonly targetValue: string;
  readonly reason: EscalationReason;
  readonly severity: Severity;
  readonly summary: string;
  readonly tried: string;
  readonly promised: string;
  readonly mood: Mood;
  readonly reference: string;
  readonly note: string;
}

export const EMPTY_DRAFT: EscalationDraft = {
  target: 'technical',
  targetValue: '',
  reason: 'lacks-expertise',
  severity: 3,
  summary: '',
  tried: '',
  promised: '',
  mood: 'calm',
  reference: '',
  note: '',
};

/** Choosing a reason preselects the queue the taxonomy sends it to (the agent may still change it). */
export function withReason(draft: EscalationDraft, reason: EscalationReason): EscalationDraft {
  const queue = ESCALATION_REASON_INFO[reason].queue;
  const keepTarget = draft.target === 'agent' || draft.target === 'external';
  return {
    ...draft,
    reason,
    target: keepTarget ? draft.target : queue,
    ...(reason === 'abusive-or-threatening' ? { mood: 'abusive' } : {}),
  };
}

export function transferTargetOf(draft: EscalationDraft): TransferTarget {
  switch (draft.target) {
    case 'senior':
    case 'technical':
      return { kind: 'queue', queue: draft.target };
    case 'agent':
      return { kind: 'agent', agentId: draft.targetValue.trim() };
    case 'external':
      return { kind: 'external', number: draft.targetValue.replace(/[\s\-().]/g, '') };
    default:
      throw missingCaseError(draft.target);
  }
}

/** What the phone dials for a target: the configured queue addresses, an agent's user, a number. */
export function targetAddress(target: TransferTarget, settings: Pick<SettingsView, 'seniorQueue' | 'technicalQueue'>): string {
  switch (target.kind) {
    case 'queue':
      return target.queue === 'senior' ? settings.seniorQueue : settings.technicalQueue;
    case 'agent':
      return target.agentId;
    case 'external':
      return target.number;
    default:
      throw missingCaseError(target);
  }
}

/** The context that travels with the consult call: the draft plus what the call already knows. */
export function contextInput(
  draft: EscalationDraft,
  entry: CallEntry,
  agent: { readonly id: string; readonly name: string },
  id: string,
  now: number,
): EscalationContextInput {
  const call = entry.call;
  return {
    v: ESCALATION_CONTEXT_VERSION,
    id,
    customer: { name: entry.info.remote.name ?? '', number: entry.info.remote.number, reference: draft.reference },
    fromQueue: entry.info.queue?.name ?? '',
    target: transferTargetOf(draft),
    reason: draft.reason,
    severity: draft.severity,
    summary: draft.summary,
    tried: draft.tried,
    promised: draft.promised,
    mood: draft.mood,
    note: draft.note,
    agent,
    time: {
      callStartedAt: call.startedAt,
      escalatedAt: Math.max(now, call.startedAt),
      waitedSeconds: Math.min(86_400, entry.info.queue?.waitSeconds ?? 0),
      heldSeconds: Math.min(86_400, Math.round(totalHoldMs(call, now) / 1000)),
    },
  };
}
