import { BREAK_REASONS, type AfterWrapUp, type BreakReason, type WrapUpChoice } from '../../../../shared/agent';
import type { FinishWrapUpInput, WrapUpDraft, WrapUpDraftInput } from '../../../../shared/history';

/** Extend adds this much after-call time, at most `MAX_EXTENDS` times a wrap-up. */
export const EXTEND_MS = 30_000;
export const MAX_EXTENDS = 3;

/** The wrap-up form as the agent edits it; the callback time is an `<input type="datetime-local">` value. */
export interface WrapUpValues {
  readonly disposition: string;
  readonly notes: string;
  readonly callbackAt: string;
  readonly callbackNumber: string;
}

export const EMPTY_VALUES: WrapUpValues = { disposition: '', notes: '', callbackAt: '', callbackNumber: '' };

/** The next-state select's value: `available` or `break:<reason>`. */
export type NextOption = 'available' | `break:${BreakReason}`;

export const NEXT_OPTIONS: readonly NextOption[] = ['available', ...BREAK_REASONS.map((r) => `break:${r}` as const)];

export function nextOption(next: AfterWrapUp | WrapUpChoice): NextOption {
  if (next.kind === 'available') return 'available';
  // A system break (missed call) is never chosen; it cannot be the wrap-up's next state, but reads as "other".
  return `break:${next.reason === 'missed-call' ? 'other' : next.reason}`;
}

export function choiceOf(option: NextOption): WrapUpChoice {
  if (option === 'available') return { kind: 'available' };
  const reason = option.slice('break:'.length) as BreakReason;
  return { kind: 'break', reason };
}

export function isNextOption(value: string): value is NextOption {
  return (NEXT_OPTIONS as readonly string[]).includes(value);
}

/** `2026-11-25T14:30` (local time) ↔ epoch ms; undefined when empty or not a time. */
export function parseLocalTime(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function toLocalTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A callback is recorded once it has a time; a number alone waits for one. */
function followUpOf(values: WrapUpValues): WrapUpDraftInput['followUp'] {
  const at = parseLocalTime(values.callbackAt);
  if (at === undefined) return undefined;
  const number = values.callbackNumber.trim();
  return number ? { at, number } : { at };
}

export function draftOf(callId: string, values: WrapUpValues, next: WrapUpChoice, deadline: number | null): WrapUpDraftInput {
  const followUp = followUpOf(values);
  return {
    callId,
    disposition: values.disposition,
    notes: values.notes,
    ...(followUp ? { followUp } : {}),
    next,
    deadline,
  };
}

export function finishOf(callId: string, values: WrapUpValues, finishedAt: number): FinishWrapUpInput {
  const followUp = followUpOf(values);
  return { callId, disposition: values.disposition, notes: values.notes, ...(followUp ? { followUp } : {}), finishedAt };
}

export function valuesOf(draft: WrapUpDraft): WrapUpValues {
  return {
    disposition: draft.disposition,
    notes: draft.notes,
    callbackAt: draft.followUp ? toLocalTime(draft.followUp.at) : '',
    callbackNumber: draft.followUp?.number ?? '',
  };
}

/** The deadline a new wrap-up starts with: `seconds` after the call ended, or none ("until ready"). */
export function initialDeadline(startedAt: number, seconds: number): number | null {
  return seconds > 0 ? startedAt + seconds * 1000 : null;
}

/** How many Extends a restored deadline already holds (not stored: it follows from the deadline). */
export function extendsIn(deadline: number | null, startedAt: number, seconds: number): number {
  if (deadline === null || seconds === 0) return 0;
  const extra = deadline - startedAt - seconds * 1000;
  return Math.min(MAX_EXTENDS, Math.max(0, Math.round(extra / EXTEND_MS)));
}

/** Ready is refused in mandatory mode until a disposition is chosen. */
export function canFinish(values: WrapUpValues, mandatory: boolean): boolean {
  return !mandatory || values.disposition.trim() !== '';
}
