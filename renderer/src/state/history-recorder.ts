import { addBounded } from '../../../shared/bounded-set';
import type { EndedCall, PastConsult } from '../../../shared/call';
import type { EscalationContext } from '../../../shared/escalation';
import { callRecordFromEndedCall } from '../../../shared/history/from-call';
import type { EscalationOutcome, EscalationRecordInput } from '../../../shared/history/escalation-record';
import { receivedEscalationOutcome, sentEscalationOutcomes } from '../../../shared/history/escalation-outcome';
import type { HostApi } from '../host';
import type { EscalationLog } from './escalation-log';
import type { EndedCall as EndedEntry } from './phone-state';
import type { PhoneStore } from './phone-store';
import type { QualityLog } from './quality-log';
import type { SupervisionStore } from './supervision-store';
import { decodeReceivedContext } from './received-context';

/** Received escalations remembered to record each once (see recordHistory). */
const RECEIVED_IDS_KEPT = 64;

/**
 * Every call goes into history when it ends, with the escalations sent on it (from the log) or
 * received with it (the context header, verified again here). Failures are logged, never thrown:
 * a call must not be lost from the agent's screen because the disk was busy.
 */
export function recordHistory(
  store: PhoneStore,
  host: HostApi,
  log: EscalationLog,
  quality?: QualityLog,
  supervision?: Pick<SupervisionStore, 'take'>,
): () => void {
  let last = store.getSnapshot().lastEnded;
  // A received escalation arrives on the consult call and lives on in the call that replaced it: record it once.
  // Only the last few are needed for that (the consult and its replacement end moments apart), so a shift's worth
  // of calls does not grow the set.
  const received = new Set<string>();
  return store.subscribe(() => {
    const snapshot = store.getSnapshot();
    const ended = snapshot.lastEnded;
    if (!ended || ended === last) return;
    last = ended;
    // A consult call that a customer's INVITE replaced (a warm transfer to us) is recorded with
    // the call that replaced it, which knows the handover happened.
    const replacedBy = snapshot.calls.some((c) => c.info.replaces === ended.info.callId);
    void record(ended, host, log, received, quality, replacedBy, supervision).catch((error: unknown) => {
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
  replacedBy: boolean,
  supervision: Pick<SupervisionStore, 'take'> | undefined,
): Promise<void> {
  if (ended.call.phase !== 'ended') return;
  const call: EndedCall = ended.call;
  const meanMos = quality?.takeMean(call.callId);
  const supervisions = supervision?.take(call.callId, call.endedAt) ?? [];
  const saved = await host.recordCall(
    callRecordFromEndedCall(call, {
      ...(ended.info.queue ? { queue: ended.info.queue.name } : {}),
      ...(meanMos !== undefined ? { meanMos } : {}),
      supervisions,
    }),
  );
  if (!saved.ok) throw new Error(saved.error.message);
  const sent = log.take(call.callId);
  const outcomes = sentEscalationOutcomes(
    call,
    sent.map((s) => s.mode),
  );
  let consults = 0;
  for (const [i, { context, mode }] of sent.entries()) {
    const consult = mode === 'consult' ? call.consults[consults++] : undefined;
    const outcome = outcomes[i] ?? { kind: 'failed', reason: 'error' };
    await host.recordEscalation(escalationRecord(context, call, consult, 'sent', outcome));
  }
  const header = ended.info.contextHeader;
  if (header && !replacedBy) {
    const decoded = await decodeReceivedContext(header, ended.info.contextReceived, host);
    // A context not valid for this call (expired, replayed, made for another) is not this call's escalation.
    if (decoded.status !== 'unreadable' && decoded.status !== 'not-valid' && !received.has(decoded.context.id)) {
      addBounded(received, decoded.context.id, RECEIVED_IDS_KEPT);
      const outcome = receivedEscalationOutcome(call, {
        tookOver: ended.info.replaces !== undefined,
        // A blind transfer reaches us as the customer's own call, from the number the context names.
        blind: ended.info.replaces === undefined && ended.info.remote.number === decoded.context.customer.number,
      });
      await host.recordEscalation({
        ...escalationRecord(decoded.context, call, undefined, 'received', outcome),
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
  outcome: EscalationOutcome,
): EscalationRecordInput {
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
    outcome,
  };
}
