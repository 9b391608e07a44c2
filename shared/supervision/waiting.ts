import type { EscalationReason, Severity } from '../escalation/schema';
import type { ConsultState, PresenceCall } from '../presence/agent-call';
import type { QueueBoard } from '../presence/queue-board';

/**
 * "Escalations waiting for me" (issue 16): what a senior or a supervisor sees of the escalations in
 * flight, from the two sources a server may give. Each escalating agent's presence says why, how
 * severe, where the consult goes and how far it is (any presence server); a queue board that lists
 * the consults in each queue (the lab's) adds whom one rings now, and makes it possible to pick it
 * up from another member. A senior sees the ones for them or their queues; a supervisor sees all.
 */
export interface WaitingEscalation {
  /** The agent who escalates (a SIP user). */
  readonly from: string;
  /** Where the consult goes: the queue or colleague dialled. */
  readonly to: string;
  readonly reason?: EscalationReason;
  readonly severity?: Severity;
  /** How far the consult is; `ringing` also for one the board lists before the agent's presence says so. */
  readonly state: ConsultState;
  /** When the consult was dialled, when the agent's presence says. */
  readonly since?: number;
  /** The customer on hold since then. */
  readonly holdSince?: number;
  /** The queue board lists it in this queue: it can be picked up there by a member. */
  readonly queue?: string;
  /** The member it rings now, per the board. */
  readonly ringingAt?: string;
}

export interface WaitingInput {
  readonly colleagues: readonly { readonly user: string; readonly kind: string; readonly call?: PresenceCall | undefined }[];
  readonly board: QueueBoard | null | undefined;
  readonly self: string;
  /** The queues the board says this user is a member of. */
  readonly myQueues: readonly string[];
  readonly supervisor: boolean;
}

const LAST = Number.MAX_SAFE_INTEGER;

export function escalationsWaiting(input: WaitingInput): WaitingEscalation[] {
  const byAgent = new Map<string, WaitingEscalation>();
  for (const c of input.colleagues) {
    const e = c.kind === 'on-call' ? c.call?.escalation : undefined;
    if (!e || c.user === input.self) continue;
    byAgent.set(c.user, {
      from: c.user,
      to: e.to,
      reason: e.reason,
      severity: e.severity,
      state: e.state,
      since: e.since,
      ...(c.call?.holdSince !== undefined ? { holdSince: c.call.holdSince } : {}),
    });
  }
  for (const q of input.board?.queues ?? []) {
    for (const consult of q.consults ?? []) {
      if (consult.from === input.self) continue;
      const known = byAgent.get(consult.from);
      // The board is about the consult leg: a ringing one there is ringing, whatever presence says yet.
      byAgent.set(consult.from, {
        ...(known ?? { from: consult.from, to: q.name }),
        state: 'ringing',
        queue: q.name,
        ...(consult.ringing !== undefined ? { ringingAt: consult.ringing } : {}),
      });
    }
  }
  const mine = (e: WaitingEscalation) =>
    input.supervisor ||
    e.to === input.self ||
    e.ringingAt === input.self ||
    input.myQueues.includes(e.to) ||
    (e.queue !== undefined && input.myQueues.includes(e.queue));
  // The most severe first, then the customer on hold the longest, then the agent's name.
  return [...byAgent.values()]
    .filter(mine)
    .sort(
      (a, b) =>
        (a.severity ?? LAST) - (b.severity ?? LAST) ||
        (a.holdSince ?? LAST) - (b.holdSince ?? LAST) ||
        a.from.localeCompare(b.from),
    );
}
