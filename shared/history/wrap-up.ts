import { z } from 'zod/mini';
import { BREAK_REASONS } from '../agent/agent-state';
import { identifier } from '../host-api/text';
import { CALL_DIRECTIONS } from './call-record';
import { WRAP_UP_LIMITS } from './limits';
import { block, epochMs, line } from './text';

export { WRAP_UP_LIMITS } from './limits';
const L = WRAP_UP_LIMITS;

export const dispositionSchema = line(L.disposition);

export const followUpSchema = z.strictObject({
  /** When to call back. */
  at: epochMs,
  /** Where to call back, when not the number the customer called from. */
  number: z.optional(line(L.followUpNumber)),
});
export type FollowUp = Readonly<z.output<typeof followUpSchema>>;

/** Where the agent goes when wrap-up ends, as `AfterWrapUp` in shared/agent (a system break is never chosen). */
export const nextStateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('available') }),
  z.strictObject({ kind: z.literal('break'), reason: z.enum(BREAK_REASONS), note: z.optional(line(L.breakNote)) }),
]);

/**
 * The wrap-up form as the agent left it: saved on every change, so a restart mid-ACW brings back
 * every character and the time left. `deadline` is when ACW ends (epoch ms), or null for "until
 * the agent is ready"; an Extend moves it and is saved like any other change.
 */
export const wrapUpDraftSchema = z.strictObject({
  callId: identifier,
  disposition: z._default(dispositionSchema, ''),
  notes: z._default(block(L.notes), ''),
  followUp: z.optional(followUpSchema),
  next: z._default(nextStateSchema, { kind: 'available' }),
  deadline: z.nullable(epochMs),
});
export type WrapUpDraftInput = z.input<typeof wrapUpDraftSchema>;
export type WrapUpDraft = Readonly<z.output<typeof wrapUpDraftSchema>>;

/** A wrap-up not finished yet: the form, and enough of the call to head it. */
export const openWrapUpSchema = z.strictObject({
  draft: wrapUpDraftSchema,
  call: z.strictObject({
    callId: identifier,
    direction: z.enum(CALL_DIRECTIONS),
    remoteNumber: z.string(),
    remoteName: z.string(),
    queue: z.string(),
    endedAt: epochMs,
    escalationId: z.optional(z.string()),
  }),
  updatedAt: epochMs,
});
export type OpenWrapUp = Readonly<z.output<typeof openWrapUpSchema>>;

export const finishWrapUpSchema = z.strictObject({
  callId: identifier,
  /** May be empty when the queue's wrap-up is optional; the renderer enforces a mandatory one. */
  disposition: dispositionSchema,
  notes: block(L.notes),
  /** A callback to make: recorded as an open follow-up on the customer. */
  followUp: z.optional(followUpSchema),
  finishedAt: epochMs,
});
export type FinishWrapUpInput = z.input<typeof finishWrapUpSchema>;
export type FinishWrapUp = Readonly<z.output<typeof finishWrapUpSchema>>;
