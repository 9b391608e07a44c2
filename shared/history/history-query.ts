import { z } from 'zod/mini';
import { ESCALATION_REASONS, type EscalationReason } from '../escalation/schema';
import { CALL_DIRECTIONS, CALL_END_REASONS } from './call-record';
import { ESCALATION_OUTCOMES } from './escalation-record';
import { dispositionSchema } from './wrap-up';
import { epochMs } from './text';
import { historyRecordingSchema } from '../recording/recording';

export const HISTORY_LIMITS = { pageSize: 200, defaultPageSize: 50, query: 200, cursor: 160, exportRows: 100_000 } as const;

const filterShape = {
  /** Calls that ended at or after `from` and before `to` (epoch ms). */
  from: z.optional(epochMs),
  to: z.optional(epochMs),
  direction: z.optional(z.enum(CALL_DIRECTIONS)),
  disposition: z.optional(z.pipe(dispositionSchema, z.string().check(z.minLength(1)))),
  escalated: z.optional(z.boolean()),
  /** Words to find in notes, names and numbers (any part of a number); every word must match. */
  query: z.optional(z.string().check(z.maxLength(HISTORY_LIMITS.query))),
};

/** An empty range is a mistake in the form, not a question with no answer. */
const fromBeforeTo = (f: { readonly from?: number | undefined; readonly to?: number | undefined }) =>
  f.from === undefined || f.to === undefined || f.to > f.from;
const toBeforeFrom = { message: 'toBeforeFrom', path: ['to'] };

export const historyFilterSchema = z.strictObject(filterShape).check(z.refine(fromBeforeTo, toBeforeFrom));
export type HistoryFilter = Readonly<z.output<typeof historyFilterSchema>>;

export const listHistorySchema = z
  .strictObject({
    ...filterShape,
    limit: z._default(z.int().check(z.minimum(1)).check(z.maximum(HISTORY_LIMITS.pageSize)), HISTORY_LIMITS.defaultPageSize),
    /** `nextCursor` of the previous page: the list continues with older calls. */
    before: z.optional(z.string().check(z.maxLength(HISTORY_LIMITS.cursor))),
  })
  .check(z.refine(fromBeforeTo, toBeforeFrom));
export type ListHistoryInput = z.input<typeof listHistorySchema>;
export type ListHistory = Readonly<z.output<typeof listHistorySchema>>;

export const historyEscalationSchema = z.strictObject({
  direction: z.enum(['sent', 'received']),
  target: z.strictObject({ kind: z.enum(['queue', 'agent', 'external']), value: z.string(), name: z.string() }),
  reason: z.enum(ESCALATION_REASONS as [EscalationReason, ...EscalationReason[]]),
  outcome: z.enum(ESCALATION_OUTCOMES),
  /** A declined escalation's decline reason, or a failed one's failure reason. */
  outcomeReason: z.optional(z.string()),
  sipStatus: z.optional(z.int()),
});
export type HistoryEscalation = Readonly<z.output<typeof historyEscalationSchema>>;

export const historyItemSchema = z.strictObject({
  callId: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  remoteNumber: z.string(),
  remoteName: z.string(),
  queue: z.string(),
  startedAt: epochMs,
  answeredAt: z.optional(epochMs),
  endedAt: epochMs,
  endReason: z.enum(CALL_END_REASONS),
  endStatus: z.optional(z.int()),
  talkMs: z.int(),
  holdMs: z.int(),
  consultMs: z.int(),
  /** Absent until wrap-up is finished. */
  acwMs: z.optional(z.int()),
  disposition: z.optional(z.string()),
  notes: z.string(),
  meanMos: z.optional(z.number()),
  /** The call's latest escalation (sent or received). */
  escalationId: z.optional(z.string()),
  /** What that escalation was and what became of it, readable without another query. */
  escalation: z.optional(historyEscalationSchema),
  /** The callback the agent promised in this call's wrap-up: when, and to which number. */
  callback: z.optional(z.strictObject({ at: epochMs, number: z.string() })),
  wrappedUpAt: z.optional(epochMs),
  /** Who supervised the call, each mode from–to, oldest first (issue 16); absent when nobody did. */
  supervisions: z.optional(
    z.array(z.strictObject({ supervisor: z.string(), mode: z.enum(['listen', 'coach', 'barge']), start: epochMs, end: epochMs })),
  ),
  /** The call's recording, when recording was on and it holds any audio. */
  recording: z.optional(historyRecordingSchema),
});
export type HistoryItem = Readonly<z.output<typeof historyItemSchema>>;

export const historyPageSchema = z.strictObject({
  items: z.array(historyItemSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: z.nullable(z.string()),
});
export type HistoryPage = Readonly<z.output<typeof historyPageSchema>>;

/**
 * Keyset position: the last item's place in the list (the host's `calls.seq`), as decimal digits
 * because it may pass JavaScript's safe integers. Opaque to the renderer.
 */
export type HistoryCursor = string;

const MAX_CURSOR = 2n ** 63n - 1n;

/** Undefined for anything we did not hand out: the caller answers with a validation error. */
export function decodeHistoryCursor(raw: string): HistoryCursor | undefined {
  if (!/^\d{1,19}$/.test(raw)) return undefined;
  return BigInt(raw) <= MAX_CURSOR ? raw : undefined;
}

export const agentStatsArgsSchema = z
  .strictObject({ from: epochMs, to: epochMs })
  .check(z.refine((r) => r.to > r.from, { message: 'toBeforeFrom', path: ['to'] }));

export const agentStatsSchema = z.strictObject({
  from: epochMs,
  to: epochMs,
  /** Answered calls that ended in the period. */
  handled: z.int(),
  /** Talk + hold + ACW, averaged over handled calls (ACW counts 0 while wrap-up is open). */
  avgHandleMs: z.int(),
  /** Over handled calls whose wrap-up is finished. */
  avgAcwMs: z.int(),
  /** Fractions of handled calls (0 when none): escalations this agent sent, transfers completed. */
  escalationRate: z.number().check(z.minimum(0)).check(z.maximum(1)),
  transferRate: z.number().check(z.minimum(0)).check(z.maximum(1)),
});
export type AgentStats = Readonly<z.output<typeof agentStatsSchema>>;
