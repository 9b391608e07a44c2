import type { Callback } from './callbacks';

/**
 * Callbacks due (issue 15): the follow-ups promised in wrap-up that are still open, as the agent's
 * home lists them. A snooze moves when one is due without changing when it was promised. Apart
 * from their schemas (callbacks.ts): the renderer's callbacks store loads at start (issue 19).
 */
export const CALLBACK_LIMITS = { listed: 50, snoozeMs: 10 * 60_000, maxSnoozeMs: 7 * 24 * 3_600_000 } as const;

/** When a callback is due: its promised time, or its snooze. */
export const dueAt = (callback: Callback): number => Math.max(callback.at, callback.snoozedUntil ?? 0);

/** The callbacks due at `now`, earliest first. */
export function dueCallbacks(callbacks: readonly Callback[], now: number): Callback[] {
  return callbacks.filter((c) => dueAt(c) <= now).sort((a, b) => dueAt(a) - dueAt(b) || a.noteId - b.noteId);
}

/** The number a follow-up calls: the one the agent gave, else the customer's `tel:` key. */
export function callbackNumber(customerKey: string, followUpNumber: string | null | undefined): string | undefined {
  if (followUpNumber) return followUpNumber;
  return customerKey.startsWith('tel:') ? customerKey.slice('tel:'.length) : undefined;
}
