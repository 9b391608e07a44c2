import { z } from 'zod';

/**
 * Text the agent typed (notes, dispositions, follow-up numbers): refused, not rewritten, when it
 * carries control characters, line breaks in disguise or direction overrides, so what is stored
 * is exactly what the agent saw. Markup is not refused: history renders every field as text.
 */
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const HISTORY_VALIDATION = { controlChars: 'controlChars', encoding: 'encoding' } as const;

function checked(max: number, unsafe: RegExp) {
  return z
    .string()
    .max(max)
    .superRefine((s, ctx) => {
      if (LONE_SURROGATE.test(s)) ctx.addIssue({ code: 'custom', message: HISTORY_VALIDATION.encoding });
      else if (unsafe.test(s)) ctx.addIssue({ code: 'custom', message: HISTORY_VALIDATION.controlChars });
    });
}

/** One line, at most `max` UTF-16 units (what an input's maxLength counts); kept as typed. */
export const line = (max: number) => checked(max, UNSAFE_LINE);

/** Several lines (tab and LF allowed); CR LF and lone CR become LF, as a textarea gives them. */
export const block = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .pipe(checked(max, UNSAFE_BLOCK));

/** Epoch milliseconds: within JavaScript's Date range. */
export const epochMs = z.number().int().min(0).max(8.64e15);

/** A duration in milliseconds; a day is the most any part of one call can take. */
export const durationMs = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600 * 1000);

/** A final SIP status (or a provisional one a failure reported). */
export const sipStatus = z.number().int().min(100).max(699);
