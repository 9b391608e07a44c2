/**
 * Adds `value` to a set that keeps at most `max` values, forgetting the oldest first (a Set keeps
 * insertion order). For "seen already" sets that live all shift in the renderer: each remembers
 * only as far back as it needs to, so a long shift does not grow them without bound.
 */
export function addBounded<T>(set: Set<T>, value: T, max: number): void {
  set.delete(value);
  set.add(value);
  for (const oldest of set) {
    if (set.size <= max) break;
    set.delete(oldest);
  }
}
