import { z } from 'zod/mini';

/**
 * Validation messages are stable codes the UI translates (`validation.<code>`), as in settings.ts;
 * `markup` is also how the decoder tells a script-laden context from a merely malformed one.
 */
export const ESCALATION_VALIDATION = {
  required: 'required',
  tooLong: 'tooLong',
  controlChars: 'controlChars',
  encoding: 'encoding',
  markup: 'markup',
} as const;

/**
 * C0/C1 controls, U+2028/2029 (line breaks in disguise), and the direction marks and overrides
 * that make "\u202Eecilops" read as something else. Newline is allowed in multi-line fields only.
 */
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_MULTI_LINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A surrogate half without its partner: not text, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The markup rule. React renders every field as text, so nothing here could run; but no agent
 * types a tag or a script URL into an escalation, so a context carrying one was crafted, and the
 * consultee is shown "context unreadable" instead of the attacker's words. Suspicious is:
 * `<` followed by a letter, `/`, `!` or `?` (a tag, end tag, comment, doctype or processing
 * instruction), or a `javascript:` / `vbscript:` / `data:text/html` URL (whitespace before the
 * colon too, as browsers forgive it). `a<3`, `< 5 min`, `<3` and `x <= y` stay allowed.
 */
const MARKUP = /<[a-z/!?]|\b(?:javascript|vbscript)\s*:|\bdata\s*:\s*text\/html/i;

export function containsMarkup(text: string): boolean {
  return MARKUP.test(text);
}

function checked(max: number, unsafe: RegExp, required: boolean, normalise: (s: string) => string = (s) => s) {
  return z.string().check(
    z.overwrite(normalise),
    z.trim(),
    z.superRefine((s: string, ctx) => {
      const problem =
        required && s === ''
          ? ESCALATION_VALIDATION.required
          : s.length > max
            ? ESCALATION_VALIDATION.tooLong
            : LONE_SURROGATE.test(s)
              ? ESCALATION_VALIDATION.encoding
              : unsafe.test(s)
                ? ESCALATION_VALIDATION.controlChars
                : containsMarkup(s)
                  ? ESCALATION_VALIDATION.markup
                  : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );
}

/** One line of text, trimmed, at most `max` UTF-16 units (what a text input's maxLength counts). */
export const singleLine = (max: number, { required = false } = {}) => checked(max, UNSAFE_SINGLE_LINE, required);

/** Several lines: CR LF and lone CR become LF first (what a textarea gives on every platform). */
export const multiLine = (max: number) => checked(max, UNSAFE_MULTI_LINE, false, (s) => s.replace(/\r\n?/g, '\n'));
