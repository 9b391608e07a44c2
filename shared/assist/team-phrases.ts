import { z } from 'zod';
import { SITUATIONS } from './situations';

/** A team's own phrases: a short list of short lines, so settings stay small and each fits a notes line. */
export const TEAM_PHRASE_LIMITS = { entries: 40, text: 280 } as const;

// The same codes as the settings validation messages, which the UI translates (`validation.<code>`).
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const teamPhraseSchema = z
  .object({
    situation: z.enum(SITUATIONS),
    text: z
      .string()
      .max(TEAM_PHRASE_LIMITS.text, { message: 'tooLong' })
      .refine((s) => !CONTROL_CHARS.test(s), { message: 'controlChars' })
      .refine((s) => s.trim() !== '', { message: 'empty' }),
  })
  .strict();

export const teamPhrasesSchema = z.array(teamPhraseSchema).max(TEAM_PHRASE_LIMITS.entries, { message: 'tooMany' });

export type TeamPhrase = Readonly<z.infer<typeof teamPhraseSchema>>;
