import { z } from 'zod/mini';
import { identifier } from '../host-api/text';
import { block, epochMs, line } from './text';
import { CALL_NOTES_LIMITS } from './limits';

export { CALL_NOTES_LIMITS } from './limits';

/**
 * What the agent typed during a call, saved as they type: the call is not in the history until
 * it ends (its wrap-up draft then holds the notes), so a crash during the call would otherwise
 * lose them. Empty notes remove the row.
 */
export const callNotesSchema = z.strictObject({
  callId: identifier,
  notes: block(CALL_NOTES_LIMITS.notes),
  remoteName: z._default(line(CALL_NOTES_LIMITS.remoteName), ''),
  remoteNumber: z._default(line(CALL_NOTES_LIMITS.remoteNumber), ''),
  /** When the call started, so a recovered note says which call it was. */
  startedAt: epochMs,
});
export type CallNotesInput = z.input<typeof callNotesSchema>;
export type CallNotes = Readonly<z.output<typeof callNotesSchema>>;

/** Notes of a call that ended without a wrap-up (the app or the window stopped during it). */
export const interruptedCallNotesSchema = z.extend(callNotesSchema, { updatedAt: epochMs });
export type InterruptedCallNotes = Readonly<z.output<typeof interruptedCallNotesSchema>>;

export const dismissCallNotesSchema = z.strictObject({ callId: identifier });
