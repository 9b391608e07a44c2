/**
 * A text field's limit, told to the agent instead of cutting silently (walk fault 3). The limits
 * themselves stay with the validation that sets them (WRAP_UP_LIMITS, CUSTOMER_LIMITS,
 * ESCALATION_LIMITS); these are counted in UTF-16 units, as a field's maxLength counts.
 */

/** The counter shows from this share of the limit on: out of the way for short text, in time for long. */
export const COUNTER_FROM = 0.8;

/** Whether a field holding `length` of `max` shows its counter. */
export function showsCounter(length: number, max: number): boolean {
  return max > 0 && length >= Math.ceil(max * COUNTER_FROM);
}

/** Where text goes into a field: its length, the selection the insert replaces, and the field's limit. */
export interface InsertInto {
  readonly length: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly max: number;
}

/**
 * How many of `inserted`'s characters do not fit (0 when all do): what the field's maxLength
 * drops from a paste or a drop.
 */
export function charactersCut(field: InsertInto, inserted: number): number {
  const start = Math.max(0, Math.min(field.selectionStart, field.length));
  const end = Math.max(start, Math.min(field.selectionEnd, field.length));
  const room = Math.max(0, field.max - (field.length - (end - start)));
  return Math.max(0, inserted - room);
}
