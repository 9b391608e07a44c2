import { z } from 'zod/mini';
import { epochMs } from './text';

export * from './callback-due';

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
