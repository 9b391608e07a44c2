import { z } from 'zod';
import { BREAK_REASONS } from '../agent/agent-state';
import { identifier } from '../host-api/text';
import { CALL_DIRECTIONS } from './call-record';
import { block, epochMs, line } from './text';

export const WRAP_UP_LIMITS = { disposition: 64, notes: 4000, followUpNumber: 64, breakNote: 128 } as const;
const L = WRAP_UP_LIMITS;

export const dispositionSchema = line(L.disposition);

export const followUpSchema = z
  .object({
    /** When to call back. */
    at: epochMs,
    /** Where to call back, when not the number the customer called from. */
    number: line(L.followUpNumber).optional(),
  })
  .strict();
export type FollowUp = Readonly<z.output<typeof followUpSchema>>;

/** Where the agent goes when wrap-up ends, as `AfterWrapUp` in shared/agent (a system break is never chosen). */
export const nextStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('available') }).strict(),
  z.object({ kind: z.literal('break'), reason: z.enum(BREAK_REASONS), note: line(L.breakNote).optional() }).strict(),
]);

/**
 * The wrap-up form as the agent left it: saved on every change, so a restart mid-ACW brings back
 * every character and the time left. `deadline` is when ACW ends (epoch ms), or null for "until
 * the agent is ready"; an Extend moves it and is saved like any other change.
 */
export const wrapUpDraftSchema = z
  .object({
    callId: identifier,
    disposition: dispositionSchema.default(''),
    notes: block(L.notes).default(''),
    followUp: followUpSchema.optional(),
    next: nextStateSchema.default({ kind: 'available' }),
    deadline: epochMs.nullable(),
  })
  .strict();
export type WrapUpDraftInput = z.input<typeof wrapUpDraftSchema>;
export type WrapUpDraft = Readonly<z.output<typeof wrapUpDraftSchema>>;

/** A wrap-up not finished yet: the form, and enough of the call to head it. */
export const openWrapUpSchema = z
  .object({
    draft: wrapUpDraftSchema,
    call: z
      .object({
        callId: identifier,
        direction: z.enum(CALL_DIRECTIONS),
        remoteNumber: z.string(),
        remoteName: z.string(),
        queue: z.string(),
        endedAt: epochMs,
        escalationId: z.string().optional(),
      })
      .strict(),
    updatedAt: epochMs,
  })
  .strict();
export type OpenWrapUp = Readonly<z.output<typeof openWrapUpSchema>>;

export const finishWrapUpSchema = z
  .object({
    callId: identifier,
    /** May be empty when the queue's wrap-up is optional; the renderer enforces a mandatory one. */
    disposition: dispositionSchema,
    notes: block(L.notes),
    /** A callback to make: recorded as an open follow-up on the customer. */
    followUp: followUpSchema.optional(),
    finishedAt: epochMs,
  })
  .strict();
export type FinishWrapUpInput = z.input<typeof finishWrapUpSchema>;
export type FinishWrapUp = Readonly<z.output<typeof finishWrapUpSchema>>;
