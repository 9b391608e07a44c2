import { z } from 'zod/mini';
import { SITUATIONS } from './situations';

/** A team's own phrases: a short list of short lines, so settings stay small and each fits a notes line. */
export const TEAM_PHRASE_LIMITS = { entries: 40, text: 280 } as const;

// The same codes as the settings validation messages, which the UI translates (`validation.<code>`).
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const teamPhraseSchema = z.strictObject({
  situation: z.enum(SITUATIONS),
  text: z
    .string()
    .check(z.maxLength(TEAM_PHRASE_LIMITS.text, { message: 'tooLong' }))
    .check(z.refine((s) => !CONTROL_CHARS.test(s), { message: 'controlChars' }))
    .check(z.refine((s) => s.trim() !== '', { message: 'empty' })),
});

export const teamPhrasesSchema = z.array(teamPhraseSchema).check(z.maxLength(TEAM_PHRASE_LIMITS.entries, { message: 'tooMany' }));

export type TeamPhrase = Readonly<z.infer<typeof teamPhraseSchema>>;
