import type { PresenceCall } from '../presence/agent-call';

/**
 * The supervisor's board order (issue 16): the agent who most likely needs help on top.
 *
 * 1. A customer on hold, the longest hold first (then the more severe escalation): a held customer
 *    is the one waiting for somebody, and the longer, the more so.
 * 2. An escalation in progress with the customer not on hold (a three-way call), the most severe first.
 * 3. A call over its queue's target, the furthest over first.
 * 4. The other calls, the longest first; then wrap-up, available, break, unknown, offline, each the
 *    longest in that state first. Unknown times sort last in their group; the user breaks ties.
 *
 * The order is a pure function of the facts and `now`, so every supervisor sees the same board.
 */
export interface BoardAgent {
  readonly user: string;
  readonly kind: 'available' | 'on-call' | 'wrap-up' | 'break' | 'offline' | 'unknown';
  readonly since: number | undefined;
  /** On a call: its facts, as the agent published them. */
  readonly call?: PresenceCall | undefined;
}

/** A call's target length where the server gives none for its queue (the lab's default too). */
export const DEFAULT_CALL_TARGET_SECONDS = 300;

/** The call's target length in seconds, by queue (from the queue board where there is one). */
export type CallTargetOf = (queue: string | undefined) => number;

const AFTER_CALLS: Readonly<Record<BoardAgent['kind'], number>> = {
  'on-call': 0,
  'wrap-up': 1,
  available: 2,
  break: 3,
  unknown: 4,
  offline: 5,
};
const LAST = Number.MAX_SAFE_INTEGER;

/** Epoch ms the call passes its target; undefined when not on a known call. */
export function overTargetAt(agent: BoardAgent, targetOf: CallTargetOf): number | undefined {
  const call = agent.kind === 'on-call' ? agent.call : undefined;
  return call && call.since + targetOf(call.queue) * 1000;
}

/** [tier, then keys ascending]: see the order above. */
function rankOf(agent: BoardAgent, now: number, targetOf: CallTargetOf): readonly number[] {
  const call = agent.kind === 'on-call' ? agent.call : undefined;
  const severity = call?.escalation?.severity ?? LAST;
  if (call?.holdSince !== undefined) return [0, call.holdSince, severity];
  if (call?.escalation) return [1, severity, call.escalation.since];
  const over = overTargetAt(agent, targetOf);
  if (over !== undefined && over <= now) return [2, over];
  return [3 + AFTER_CALLS[agent.kind], agent.since ?? LAST];
}

export function sortBoard<T extends BoardAgent>(
  agents: readonly T[],
  now: number,
  targetOf: CallTargetOf = () => DEFAULT_CALL_TARGET_SECONDS,
): T[] {
  const ranked = agents.map((agent) => ({ agent, rank: rankOf(agent, now, targetOf) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i += 1) {
      const d = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.agent.user.localeCompare(b.agent.user);
  });
  return ranked.map((r) => r.agent);
}
