import { z } from 'zod/mini';
import { epochMs } from './text';

/**
 * Callbacks due (issue 15): the follow-ups promised in wrap-up that are still open, as the agent's
 * home lists them. A snooze moves when one is due without changing when it was promised.
 */
export const CALLBACK_LIMITS = { listed: 50, snoozeMs: 10 * 60_000, maxSnoozeMs: 7 * 24 * 3_600_000 } as const;

export const callbackSchema = z.strictObject({
  /** The follow-up's note id (`closeFollowUp` takes it). */
  noteId: z.int().check(z.minimum(1)),
  customerKey: z.string(),
  /** The customer's name where this computer knows one. */
  name: z.optional(z.string()),
  /** What to dial: the number given in wrap-up, else the customer's own; absent for a reference-only customer. */
  number: z.optional(z.string()),
  /** When it was promised for. */
  at: epochMs,
  /** Snoozed until then, when later than `at`. */
  snoozedUntil: z.optional(epochMs),
  /** The notes the agent wrote in that wrap-up. */
  notes: z.string(),
});
export type Callback = Readonly<z.output<typeof callbackSchema>>;

export const snoozeFollowUpSchema = z.strictObject({ noteId: z.int().check(z.minimum(1)), until: epochMs });
export type SnoozeFollowUp = Readonly<z.output<typeof snoozeFollowUpSchema>>;

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
