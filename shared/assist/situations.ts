/** The moments of a call an empathy phrase is for, in the order they usually come. */
export const SITUATIONS = ['acknowledgement', 'apology', 'options', 'timeline', 'closing'] as const;
export type Situation = (typeof SITUATIONS)[number];

export function isSituation(value: unknown): value is Situation {
  return typeof value === 'string' && (SITUATIONS as readonly string[]).includes(value);
}
