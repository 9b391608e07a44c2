import type { EndedCall, PastConsult } from '../../../shared/call';
import type { EscalationContext } from '../../../shared/escalation';
import { callRecordFromEndedCall } from '../../../shared/history/from-call';
import type { EscalationRecordInput } from '../../../shared/history/escalation-record';
import { missingCaseError } from '../../../shared/result';
import type { HostApi } from '../host';
import type { EscalationLog } from './escalation-log';
import type { EndedCall as EndedEntry } from './phone-state';
import type { PhoneStore } from './phone-store';
import type { QualityLog } from './quality-log';
import { decodeReceivedContext } from './received-context';

/**
 * Every call goes into history when it ends, with the escalations sent on it (from the log) or
 * received with it (the context header, verified again here). Failures are logged, never thrown:
 * a call must not be lost from the agent's screen because the disk was busy.
 */
export function recordHistory(store: PhoneStore, host: HostApi, log: EscalationLog, quality?: QualityLog): () => void {
  let last = store.getSnapshot().lastEnded;
  // A received escalation arrives on the consult call and lives on in the call that replaced it: record it once.
  const received = new Set<string>();
  return store.subscribe(() => {
    const ended = store.getSnapshot().lastEnded;
    if (!ended || ended === last) return;
    last = ended;
    void record(ended, host, log, received, quality).catch((error: unknown) => {
      void host.logError({ message: `history: could not record a call: ${String(error)}` });
    });
  });
}

async function record(
  ended: EndedEntry,
  host: HostApi,
  log: EscalationLog,
  received: Set<string>,
  quality: QualityLog | undefined,
): Promise<void> {
  if (ended.call.phase !== 'ended') return;
  const call: EndedCall = ended.call;
  const meanMos = quality?.takeMean(call.callId);
  const saved = await host.recordCall(
    callRecordFromEndedCall(call, {
      ...(ended.info.queue ? { queue: ended.info.queue.name } : {}),
      ...(meanMos !== undefined ? { meanMos } : {}),
    }),
  );
  if (!saved.ok) throw new Error(saved.error.message);
  const sent = log.take(call.callId);
  for (const [i, context] of sent.entries()) {
    const consult: PastConsult | undefined = call.consults[i];
    await host.recordEscalation(escalationRecord(context, call, consult, 'sent'));
  }
  const header = ended.info.contextHeader;
  if (header) {
    const decoded = await decodeReceivedContext(header, ended.info.contextReceived, host);
    // A context not valid for this call (expired, replayed, made for another) is not this call's escalation.
    if (decoded.status !== 'unreadable' && decoded.status !== 'not-valid' && !received.has(decoded.context.id)) {
      received.add(decoded.context.id);
      await host.recordEscalation({
        ...escalationRecord(decoded.context, call, undefined, 'received'),
        verified: decoded.status === 'verified' ? 'verified' : 'unverified',
      });
    }
  }
}

function escalationRecord(
  context: EscalationContext,
  call: EndedCall,
  consult: PastConsult | undefined,
  direction: 'sent' | 'received',
): EscalationRecordInput {
  const blind = call.endReason.kind === 'transfer-completed' && call.endReason.mode === 'blind';
  return {
    id: context.id,
    callId: call.callId,
    direction,
    target: context.target,
    reason: context.reason,
    severity: context.severity,
    mood: context.mood,
    summary: context.summary,
    tried: context.tried,
    promised: context.promised,
    escalatedAt: context.time.escalatedAt,
    holdMs: consult ? Math.max(0, consult.endedAt - consult.dialedAt) : 0,
    consultMs: consult?.answeredAt !== undefined ? Math.max(0, consult.endedAt - consult.answeredAt) : 0,
    outcome: direction === 'received' || blind ? { kind: 'completed' } : outcomeOf(consult),
  };
}

function outcomeOf(consult: PastConsult | undefined): EscalationRecordInput['outcome'] {
  if (!consult) return { kind: 'cancelled' };
  const outcome = consult.outcome;
  switch (outcome.kind) {
    case 'transferred':
      return { kind: 'completed' };
    case 'failed':
      return {
        kind: 'failed',
        reason: outcome.reason,
        ...(outcome.sipStatus !== undefined ? { sipStatus: outcome.sipStatus } : {}),
      };
    case 'cancelled':
    case 'consult-party-hung-up':
    case 'call-ended':
      return consult.mergedAt !== undefined ? { kind: 'conference' } : { kind: 'cancelled' };
    default:
      throw missingCaseError(outcome);
  }
}
