import { ExpiringMap } from '../expiring-map';
import { CLOCK_SKEW_MS, CONTEXT_VALIDITY_MS } from './sealed';

/**
 * Remembers which call each escalation id was first received on, for as long as a context can
 * be valid: a second call bringing the same escalation is a replay (a blind context is bound to
 * the customer, not to a call, so this is what catches the customer sending it again). The same
 * call may be read any number of times (the card, the wrap-up form and the history all decode it).
 * Memory only, and per receiving Warmline: see the limits in sealed.ts.
 */
export class ReplayGuard {
  /** Escalation id → the SIP Call-ID it was first received on. */
  readonly #seen: ExpiringMap<string>;

  constructor(
    private readonly keepMs = CONTEXT_VALIDITY_MS + 2 * CLOCK_SKEW_MS,
    maxEntries = 1000,
  ) {
    this.#seen = new ExpiringMap(maxEntries);
  }

  /** `true` if `escalationId` is new or was first seen on this same call. */
  admit(escalationId: string, sipCallId: string, at: number): boolean {
    const firstCall = this.#seen.get(escalationId, at);
    if (firstCall !== undefined) return firstCall === sipCallId;
    this.#seen.set(escalationId, sipCallId, at + this.keepMs);
    return true;
  }
}
