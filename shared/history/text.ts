import { z } from 'zod/mini';

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
    .check(z.maxLength(max))
    .check(
      z.superRefine((s, ctx) => {
        if (LONE_SURROGATE.test(s)) ctx.addIssue({ code: 'custom', message: HISTORY_VALIDATION.encoding });
        else if (unsafe.test(s)) ctx.addIssue({ code: 'custom', message: HISTORY_VALIDATION.controlChars });
      }),
    );
}

/** One line, at most `max` UTF-16 units (what an input's maxLength counts); kept as typed. */
export const line = (max: number) => checked(max, UNSAFE_LINE);

/** Several lines (tab and LF allowed); CR LF and lone CR become LF, as a textarea gives them. */
export const block = (max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(max)),
      z.transform((s) => s.replace(/\r\n?/g, '\n')),
    ),
    checked(max, UNSAFE_BLOCK),
  );

/** Epoch milliseconds: within JavaScript's Date range. */
export const epochMs = z.int().check(z.minimum(0)).check(z.maximum(8.64e15));

/** A duration in milliseconds; a day is the most any part of one call can take. */
export const durationMs = z
  .int()
  .check(z.minimum(0))
  .check(z.maximum(24 * 3600 * 1000));

/** A final SIP status (or a provisional one a failure reported). */
export const sipStatus = z.int().check(z.minimum(100)).check(z.maximum(699));
