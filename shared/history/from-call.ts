import type { EndedCall, PastConsult, TransferTarget } from '../call/call';
import type { CallRecordInput, SupervisionRecord } from './call-record';

/** What the call model does not carry: the queue the call came in on and the measured quality. */
export interface CallRecordExtras {
  readonly queue?: string;
  readonly meanMos?: number;
  /** REFERs that failed before the call ended (the model keeps only the one that completed). */
  readonly failedTransfers?: readonly {
    readonly mode: 'blind' | 'attended';
    readonly target: TransferTarget;
    readonly requestedAt: number;
    readonly sipStatus?: number;
  }[];
  /** Who supervised the call, each mode from–to (issue 16). */
  readonly supervisions?: readonly SupervisionRecord[];
}

function consultRecord(c: PastConsult): NonNullable<CallRecordInput['consults']>[number] {
  const outcome = c.outcome;
  return {
    target: c.target,
    dialedAt: c.dialedAt,
    ...(c.answeredAt !== undefined ? { answeredAt: c.answeredAt } : {}),
    ...(c.mergedAt !== undefined ? { mergedAt: c.mergedAt } : {}),
    endedAt: c.endedAt,
    outcome: outcome.kind,
    ...(outcome.kind === 'failed' ? { failureReason: outcome.reason } : {}),
    ...(outcome.kind === 'failed' && outcome.sipStatus !== undefined ? { sipStatus: outcome.sipStatus } : {}),
  };
}

/** The `recordCall` argument for a call that ended, straight from the shared call model. */
export function callRecordFromEndedCall(call: EndedCall, extras: CallRecordExtras = {}): CallRecordInput {
  const reason = call.endReason;
  const endStatus = 'sipStatus' in reason ? reason.sipStatus : undefined;
  const failed = (extras.failedTransfers ?? []).map((t) => ({ ...t, outcome: 'failed' as const }));
  const completed =
    reason.kind === 'transfer-completed'
      ? [{ mode: reason.mode, target: reason.target, requestedAt: call.endedAt, outcome: 'completed' as const }]
      : [];
  return {
    callId: call.callId,
    direction: call.direction,
    remoteNumber: call.remote.uri,
    remoteName: call.remote.displayName ?? '',
    queue: extras.queue ?? '',
    startedAt: call.startedAt,
    ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
    endedAt: call.endedAt,
    endReason: reason.kind,
    ...(endStatus !== undefined ? { endStatus } : {}),
    holds: call.holds.map((h) => ({ start: h.start, end: h.end ?? call.endedAt })),
    consults: call.consults.map(consultRecord),
    transfers: [...failed, ...completed],
    ...(extras.meanMos !== undefined ? { meanMos: extras.meanMos } : {}),
    ...(extras.supervisions?.length ? { supervisions: [...extras.supervisions] } : {}),
  };
}
