import { addCustomerNoteSchema, HISTORY_VALIDATION } from '../../../../shared/history';

export type NoteTextProblem = 'empty' | 'tooLong' | 'controlChars';

/**
 * What is wrong with a note before it goes to the host, by the same schema the host checks it
 * with, so the agent reads why in their language rather than the host's refusal.
 */
export function noteTextProblem(text: string): NoteTextProblem | undefined {
  const parsed = addCustomerNoteSchema.shape.text.safeParse(text);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'too_big') return 'tooLong';
  if (issue?.message === HISTORY_VALIDATION.controlChars || issue?.message === HISTORY_VALIDATION.encoding) {
    return 'controlChars';
  }
  return 'empty';
}
