/**
 * Calendar days as the agent means them: "from 3 March to 5 March" is every call that ended on
 * those days on this computer's clock, the 5th included. A day is not always 24 hours (daylight
 * saving time), so each bound is the local midnight the Date constructor computes.
 */

/** What a date input gives: `YYYY-MM-DD`, or '' when empty. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The oldest and newest day a filter accepts: enough for any call history, and inside epochMs. */
export const LOCAL_DAY_LIMITS = { minYear: 1970, maxYear: 9999 } as const;

export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Undefined for anything but a real calendar day in range (2023-02-29 is not one). */
export function parseLocalDay(text: string): LocalDay | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < LOCAL_DAY_LIMITS.minYear || year > LOCAL_DAY_LIMITS.maxYear) return undefined;
  const probe = new Date(year, month - 1, day);
  if (probe.getFullYear() !== year || probe.getMonth() !== month - 1 || probe.getDate() !== day) return undefined;
  return { year, month, day };
}

/** Local midnight at the start of the day, `days` days later (epoch ms). */
function midnight(day: LocalDay, days = 0): number {
  return new Date(day.year, day.month - 1, day.day + days).getTime();
}

export type DayRange =
  | { readonly ok: true; readonly from?: number; readonly to?: number }
  | { readonly ok: false; readonly error: 'invalidFrom' | 'invalidTo' | 'toBeforeFrom' };

/**
 * The history filter's `from` (inclusive) and `to` (exclusive) for two optional days, both
 * included: `to` is the midnight after the last day. Empty strings leave that side open.
 */
export function localDayRange(fromText: string, toText: string): DayRange {
  const from = fromText === '' ? undefined : parseLocalDay(fromText);
  if (fromText !== '' && !from) return { ok: false, error: 'invalidFrom' };
  const to = toText === '' ? undefined : parseLocalDay(toText);
  if (toText !== '' && !to) return { ok: false, error: 'invalidTo' };
  const start = from ? midnight(from) : undefined;
  const end = to ? midnight(to, 1) : undefined;
  if (start !== undefined && end !== undefined && end <= start) return { ok: false, error: 'toBeforeFrom' };
  return { ok: true, ...(start !== undefined ? { from: start } : {}), ...(end !== undefined ? { to: end } : {}) };
}

/** `YYYY-MM-DD` of the local day an instant falls on: what a date input shows. */
export function localDayText(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of the day `epochMs` falls on. */
export function startOfLocalDay(epochMs: number): number {
  const d = new Date(epochMs);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * Local midnight of the Monday of the week `epochMs` falls in: ISO weeks, as call-center
 * reports count them, whatever weekday a calendar in the agent's language starts on.
 */
export function startOfLocalWeek(epochMs: number): number {
  const d = new Date(epochMs);
  const sinceMonday = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday).getTime();
}
