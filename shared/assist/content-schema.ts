import { z } from 'zod/mini';
import { STAGES } from './stages';
import { SITUATIONS } from './situations';

/** Guidance lines are read at a glance: one or two sentences each. */
const line = z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(300));
const lines = (min: number, max: number) => z.array(line).check(z.minLength(min)).check(z.maxLength(max));

const stageSchema = z.strictObject({ name: line.check(z.maxLength(60)), items: lines(1, 6) });

/** The phrases every language must cover; teams and translators may add more. */
export const REQUIRED_AVOID_IDS = ['calm-down', 'policy', 'nothing-i-can-do', 'misunderstood', 'just-how-it-is', 'busy'] as const;

const avoidRuleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z-]{0,39}$/)),
  variants: z
    .array(line.check(z.maxLength(120)))
    .check(z.minLength(1))
    .check(z.maxLength(20)),
  instead: line,
});

const phrasesShape = Object.fromEntries(SITUATIONS.map((s) => [s, lines(2, 12)])) as Record<
  (typeof SITUATIONS)[number],
  ReturnType<typeof lines>
>;
const stagesShape = Object.fromEntries(STAGES.map((s) => [s, stageSchema])) as Record<
  (typeof STAGES)[number],
  typeof stageSchema
>;

/** One language's de-escalation content, as shipped in the assist content files. */
export const assistContentSchema = z.strictObject({
  stages: z.strictObject(stagesShape),
  phrases: z.strictObject(phrasesShape),
  avoid: z
    .array(avoidRuleSchema)
    .check(z.minLength(REQUIRED_AVOID_IDS.length))
    .check(z.maxLength(100))
    .check(z.refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: 'duplicate avoid id' }))
    .check(
      z.refine((rules) => REQUIRED_AVOID_IDS.every((id) => rules.some((r) => r.id === id)), {
        message: 'a required phrase to avoid is missing',
      }),
    ),
  abuse: z.strictObject({ steps: lines(2, 8) }),
  hold: z.strictObject({ checkIn: line, return: lines(1, 6) }),
});

export type AssistContent = Readonly<z.infer<typeof assistContentSchema>>;

/** Every text of the content with a stable path, so two languages can be compared entry by entry. */
export function contentEntries(content: AssistContent): Map<string, string> {
  const out = new Map<string, string>();
  for (const stage of STAGES) {
    out.set(`stages.${stage}.name`, content.stages[stage].name);
    content.stages[stage].items.forEach((t, i) => out.set(`stages.${stage}.items.${i}`, t));
  }
  for (const situation of SITUATIONS) content.phrases[situation].forEach((t, i) => out.set(`phrases.${situation}.${i}`, t));
  for (const rule of content.avoid) {
    out.set(`avoid.${rule.id}.instead`, rule.instead);
    // Variants differ in number between languages (each has its own ways to say it): compared as a whole.
    out.set(`avoid.${rule.id}.variants`, rule.variants.join(' | '));
  }
  content.abuse.steps.forEach((t, i) => out.set(`abuse.steps.${i}`, t));
  out.set('hold.checkIn', content.hold.checkIn);
  content.hold.return.forEach((t, i) => out.set(`hold.return.${i}`, t));
  return out;
}

/** How a translation differs in shape from the reference: entries missing, entries extra, entries copied verbatim. */
export function compareContent(reference: AssistContent, translation: AssistContent) {
  const ref = contentEntries(reference);
  const other = contentEntries(translation);
  return {
    missing: [...ref.keys()].filter((k) => !other.has(k)),
    extra: [...other.keys()].filter((k) => !ref.has(k)),
    copied: [...ref].filter(([k, text]) => other.get(k) === text).map(([k]) => k),
  };
}
