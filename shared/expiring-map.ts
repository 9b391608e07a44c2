/**
 * A map whose entries live until a time each names, holding at most `capacity` of them (the
 * oldest is forgotten first). For the replay guards, which remember the ids of signed messages
 * for as long as those messages could be valid: a long shift does not grow them without bound,
 * and a flood of fresh ids costs the oldest memories, never memory.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly until: number }>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer: ${capacity}`);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value kept for `key`, unless it expired before `now` (expired entries are dropped). */
  get(key: string, now: number): V | undefined {
    this.#dropExpired(now);
    return this.#entries.get(key)?.value;
  }

  /** Keeps `value` for `key` until `until`; a full map forgets its oldest entry first. */
  set(key: string, value: V, until: number): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, until });
  }

  #dropExpired(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.until < now) this.#entries.delete(key);
  }
}
