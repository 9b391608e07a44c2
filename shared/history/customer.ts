import { z } from 'zod/mini';
import { identifier } from '../host-api/text';
import { CALL_DIRECTIONS } from './call-record';
import { CUSTOMER_KEY_PATTERN } from './number';
import { block, epochMs, line } from './text';
import { followUpSchema } from './wrap-up';

export const CUSTOMER_LIMITS = { key: 80, name: 128, noteText: 2000, lastCalls: 5, notes: 20, openFollowUps: 20 } as const;

export const customerKeySchema = z.string().check(z.maxLength(CUSTOMER_LIMITS.key)).check(z.regex(CUSTOMER_KEY_PATTERN));

export const addCustomerNoteSchema = z.strictObject({
  customerKey: customerKeySchema,
  /** The call it was written on, if any. */
  callId: z.optional(identifier),
  text: z.pipe(block(CUSTOMER_LIMITS.noteText), z.string().check(z.trim()).check(z.minLength(1))),
  followUp: z.optional(followUpSchema),
  /** Names the customer when the key is new to this computer (an account reference, say). */
  name: z.optional(line(CUSTOMER_LIMITS.name)),
});
export type AddCustomerNoteInput = z.input<typeof addCustomerNoteSchema>;
export type AddCustomerNote = Readonly<z.output<typeof addCustomerNoteSchema>>;

export const closeFollowUpSchema = z.strictObject({ noteId: z.int().check(z.minimum(1)), closedAt: epochMs });
export type CloseFollowUp = Readonly<z.output<typeof closeFollowUpSchema>>;

export const customerNoteSchema = z.strictObject({
  id: z.int(),
  customerKey: z.string(),
  callId: z.optional(z.string()),
  text: z.string(),
  createdAt: epochMs,
  followUp: z.optional(z.strictObject({ at: epochMs, number: z.optional(z.string()), closedAt: z.optional(epochMs) })),
});
export type CustomerNote = Readonly<z.output<typeof customerNoteSchema>>;

export const customerCallSchema = z.strictObject({
  callId: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  endedAt: epochMs,
  answered: z.boolean(),
  disposition: z.optional(z.string()),
  notes: z.string(),
  escalated: z.boolean(),
});

/** The screen pop: who is calling, their last calls with how they ended, what colleagues wrote, what is owed. */
export const customerViewSchema = z.strictObject({
  key: z.string(),
  name: z.optional(z.string()),
  lastCalls: z.array(customerCallSchema),
  notes: z.array(customerNoteSchema),
  openFollowUps: z.array(customerNoteSchema),
});
export type CustomerView = Readonly<z.output<typeof customerViewSchema>>;
