import { z } from 'zod';
import { identifier } from '../host-api/text';
import { CALL_DIRECTIONS } from './call-record';
import { CUSTOMER_KEY_PATTERN } from './number';
import { block, epochMs, line } from './text';
import { followUpSchema } from './wrap-up';

export const CUSTOMER_LIMITS = { key: 80, name: 128, noteText: 2000, lastCalls: 5, notes: 20, openFollowUps: 20 } as const;

export const customerKeySchema = z.string().max(CUSTOMER_LIMITS.key).regex(CUSTOMER_KEY_PATTERN);

export const addCustomerNoteSchema = z
  .object({
    customerKey: customerKeySchema,
    /** The call it was written on, if any. */
    callId: identifier.optional(),
    text: block(CUSTOMER_LIMITS.noteText).pipe(z.string().trim().min(1)),
    followUp: followUpSchema.optional(),
    /** Names the customer when the key is new to this computer (an account reference, say). */
    name: line(CUSTOMER_LIMITS.name).optional(),
  })
  .strict();
export type AddCustomerNoteInput = z.input<typeof addCustomerNoteSchema>;
export type AddCustomerNote = Readonly<z.output<typeof addCustomerNoteSchema>>;

export const closeFollowUpSchema = z.object({ noteId: z.number().int().min(1), closedAt: epochMs }).strict();
export type CloseFollowUp = Readonly<z.output<typeof closeFollowUpSchema>>;

export const customerNoteSchema = z
  .object({
    id: z.number().int(),
    customerKey: z.string(),
    callId: z.string().optional(),
    text: z.string(),
    createdAt: epochMs,
    followUp: z.object({ at: epochMs, number: z.string().optional(), closedAt: epochMs.optional() }).strict().optional(),
  })
  .strict();
export type CustomerNote = Readonly<z.output<typeof customerNoteSchema>>;

export const customerCallSchema = z
  .object({
    callId: z.string(),
    direction: z.enum(CALL_DIRECTIONS),
    endedAt: epochMs,
    answered: z.boolean(),
    disposition: z.string().optional(),
    notes: z.string(),
    escalated: z.boolean(),
  })
  .strict();

/** The screen pop: who is calling, their last calls with how they ended, what colleagues wrote, what is owed. */
export const customerViewSchema = z
  .object({
    key: z.string(),
    name: z.string().optional(),
    lastCalls: z.array(customerCallSchema),
    notes: z.array(customerNoteSchema),
    openFollowUps: z.array(customerNoteSchema),
  })
  .strict();
export type CustomerView = Readonly<z.output<typeof customerViewSchema>>;
