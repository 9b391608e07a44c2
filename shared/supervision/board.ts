/**
 * The supervisor's board order (issue 16): the agent who most likely needs help on top. From the
 * presence data there is: on a call beats wrap-up beats the rest, and among those the longest in
 * that state first (a long call is the one over its target). Unknown times sort last in their group.
 */
export interface BoardAgent {
  readonly user: string;
  readonly kind: 'available' | 'on-call' | 'wrap-up' | 'break' | 'offline' | 'unknown';
  readonly since: number | undefined;
}

const URGENCY: Readonly<Record<BoardAgent['kind'], number>> = {
  'on-call': 0,
  'wrap-up': 1,
  available: 2,
  break: 3,
  unknown: 4,
  offline: 5,
};

export function sortBoard<T extends BoardAgent>(agents: readonly T[]): T[] {
  return [...agents].sort(
    (a, b) =>
      URGENCY[a.kind] - URGENCY[b.kind] ||
      (a.since ?? Number.MAX_SAFE_INTEGER) - (b.since ?? Number.MAX_SAFE_INTEGER) ||
      a.user.localeCompare(b.user),
  );
}
