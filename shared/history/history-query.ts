import { z } from 'zod';
import { ESCALATION_REASONS, type EscalationReason } from '../escalation/schema';
import { CALL_DIRECTIONS, CALL_END_REASONS } from './call-record';
import { ESCALATION_OUTCOMES } from './escalation-record';
import { dispositionSchema } from './wrap-up';
import { epochMs } from './text';
import { historyRecordingSchema } from '../recording/recording';

export const HISTORY_LIMITS = { pageSize: 200, defaultPageSize: 50, query: 200, cursor: 160, exportRows: 100_000 } as const;

const filterShape = {
  /** Calls that ended at or after `from` and before `to` (epoch ms). */
  from: epochMs.optional(),
  to: epochMs.optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  disposition: dispositionSchema.pipe(z.string().min(1)).optional(),
  escalated: z.boolean().optional(),
  /** Words to find in notes, names and numbers (any part of a number); every word must match. */
  query: z.string().max(HISTORY_LIMITS.query).optional(),
};

/** An empty range is a mistake in the form, not a question with no answer. */
const fromBeforeTo = (f: { readonly from?: number | undefined; readonly to?: number | undefined }) =>
  f.from === undefined || f.to === undefined || f.to > f.from;
const toBeforeFrom = { message: 'toBeforeFrom', path: ['to'] };

export const historyFilterSchema = z.object(filterShape).strict().refine(fromBeforeTo, toBeforeFrom);
export type HistoryFilter = Readonly<z.output<typeof historyFilterSchema>>;

export const listHistorySchema = z
  .object({
    ...filterShape,
    limit: z.number().int().min(1).max(HISTORY_LIMITS.pageSize).default(HISTORY_LIMITS.defaultPageSize),
    /** `nextCursor` of the previous page: the list continues with older calls. */
    before: z.string().max(HISTORY_LIMITS.cursor).optional(),
  })
  .strict()
  .refine(fromBeforeTo, toBeforeFrom);
export type ListHistoryInput = z.input<typeof listHistorySchema>;
export type ListHistory = Readonly<z.output<typeof listHistorySchema>>;

export const historyEscalationSchema = z
  .object({
    direction: z.enum(['sent', 'received']),
    target: z.object({ kind: z.enum(['queue', 'agent', 'external']), value: z.string(), name: z.string() }).strict(),
    reason: z.enum(ESCALATION_REASONS as [EscalationReason, ...EscalationReason[]]),
    outcome: z.enum(ESCALATION_OUTCOMES),
    /** A declined escalation's decline reason, or a failed one's failure reason. */
    outcomeReason: z.string().optional(),
    sipStatus: z.number().int().optional(),
  })
  .strict();
export type HistoryEscalation = Readonly<z.output<typeof historyEscalationSchema>>;

export const historyItemSchema = z
  .object({
    callId: z.string(),
    direction: z.enum(CALL_DIRECTIONS),
    remoteNumber: z.string(),
    remoteName: z.string(),
    queue: z.string(),
    startedAt: epochMs,
    answeredAt: epochMs.optional(),
    endedAt: epochMs,
    endReason: z.enum(CALL_END_REASONS),
    endStatus: z.number().int().optional(),
    talkMs: z.number().int(),
    holdMs: z.number().int(),
    consultMs: z.number().int(),
    /** Absent until wrap-up is finished. */
    acwMs: z.number().int().optional(),
    disposition: z.string().optional(),
    notes: z.string(),
    meanMos: z.number().optional(),
    /** The call's latest escalation (sent or received). */
    escalationId: z.string().optional(),
    /** What that escalation was and what became of it, readable without another query. */
    escalation: historyEscalationSchema.optional(),
    /** The callback the agent promised in this call's wrap-up: when, and to which number. */
    callback: z.object({ at: epochMs, number: z.string() }).strict().optional(),
    wrappedUpAt: epochMs.optional(),
    /** Who supervised the call, each mode from–to, oldest first (issue 16); absent when nobody did. */
    supervisions: z
      .array(
        z.object({ supervisor: z.string(), mode: z.enum(['listen', 'coach', 'barge']), start: epochMs, end: epochMs }).strict(),
      )
      .optional(),
    /** The call's recording, when recording was on and it holds any audio. */
    recording: historyRecordingSchema.optional(),
  })
  .strict();
export type HistoryItem = Readonly<z.output<typeof historyItemSchema>>;

export const historyPageSchema = z
  .object({
    items: z.array(historyItemSchema),
    /** Pass as `before` for the next (older) page; null at the end. */
    nextCursor: z.string().nullable(),
  })
  .strict();
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
  .object({ from: epochMs, to: epochMs })
  .strict()
  .refine((r) => r.to > r.from, { message: 'toBeforeFrom', path: ['to'] });

export const agentStatsSchema = z
  .object({
    from: epochMs,
    to: epochMs,
    /** Answered calls that ended in the period. */
    handled: z.number().int(),
    /** Talk + hold + ACW, averaged over handled calls (ACW counts 0 while wrap-up is open). */
    avgHandleMs: z.number().int(),
    /** Over handled calls whose wrap-up is finished. */
    avgAcwMs: z.number().int(),
    /** Fractions of handled calls (0 when none): escalations this agent sent, transfers completed. */
    escalationRate: z.number().min(0).max(1),
    transferRate: z.number().min(0).max(1),
  })
  .strict();
export type AgentStats = Readonly<z.output<typeof agentStatsSchema>>;
