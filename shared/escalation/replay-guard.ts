import { CLOCK_SKEW_MS, CONTEXT_VALIDITY_MS } from './sealed';

/**
 * Remembers which call each escalation id was first received on, for as long as a context can
 * be valid: a second call bringing the same escalation is a replay (a blind context is bound to
 * the customer, not to a call, so this is what catches the customer sending it again). The same
 * call may be read any number of times (the card, the wrap-up form and the history all decode it).
 * Memory only, and per receiving Warmline: see the limits in sealed.ts.
 */
export class ReplayGuard {
  readonly #seen = new Map<string, { readonly sipCallId: string; readonly until: number }>();

  constructor(
    private readonly keepMs = CONTEXT_VALIDITY_MS + 2 * CLOCK_SKEW_MS,
    private readonly maxEntries = 1000,
  ) {}

  /** `true` if `escalationId` is new or was first seen on this same call. */
  admit(escalationId: string, sipCallId: string, at: number): boolean {
    for (const [id, entry] of this.#seen) if (entry.until < at) this.#seen.delete(id);
    const entry = this.#seen.get(escalationId);
    if (entry) return entry.sipCallId === sipCallId;
    if (this.#seen.size >= this.maxEntries) {
      const oldest = this.#seen.keys().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
    this.#seen.set(escalationId, { sipCallId, until: at + this.keepMs });
    return true;
  }
}
