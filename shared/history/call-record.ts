import { z } from 'zod/mini';
import type { CallEndReason, ConsultFailureReason, ConsultOutcome } from '../call/call';
import { displayText, identifier } from '../host-api/text';
import { transferTargetSchema } from './target';
import { epochMs, sipStatus } from './text';

export const CALL_RECORD_LIMITS = {
  remoteNumber: 256,
  remoteName: 128,
  queue: 64,
  holds: 100,
  consults: 20,
  transfers: 20,
  supervisions: 50,
} as const;
const L = CALL_RECORD_LIMITS;

// Records rather than arrays: the compiler rejects a kind the shared call model lacks or gains.
const END_REASONS = {
  'local-hangup': true,
  'remote-hangup': true,
  rejected: true,
  missed: true,
  'transfer-completed': true,
  failed: true,
} as const satisfies Record<CallEndReason['kind'], true>;
export const CALL_END_REASONS = Object.keys(END_REASONS) as [CallEndReason['kind'], ...CallEndReason['kind'][]];
export type CallEndReasonKind = CallEndReason['kind'];

const CONSULT_OUTCOMES = {
  failed: true,
  cancelled: true,
  'consult-party-hung-up': true,
  transferred: true,
  'call-ended': true,
} as const satisfies Record<ConsultOutcome['kind'], true>;
export const CONSULT_OUTCOME_KINDS = Object.keys(CONSULT_OUTCOMES) as [ConsultOutcome['kind'], ...ConsultOutcome['kind'][]];

const FAILURE_REASONS = {
  'no-answer': true,
  busy: true,
  declined: true,
  'no-agents': true,
  error: true,
} as const satisfies Record<ConsultFailureReason, true>;
export const CONSULT_FAILURE_REASONS = Object.keys(FAILURE_REASONS) as [ConsultFailureReason, ...ConsultFailureReason[]];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

const holdSchema = z
  .strictObject({ start: epochMs, end: epochMs })
  .check(z.refine((h) => h.end >= h.start, { message: 'endBeforeStart', path: ['end'] }));

const consultSchema = z
  .strictObject({
    target: transferTargetSchema,
    dialedAt: epochMs,
    answeredAt: z.optional(epochMs),
    mergedAt: z.optional(epochMs),
    endedAt: epochMs,
    outcome: z.enum(CONSULT_OUTCOME_KINDS),
    /** Why it failed, for a `failed` outcome only. */
    failureReason: z.optional(z.enum(CONSULT_FAILURE_REASONS)),
    sipStatus: z.optional(sipStatus),
  })
  .check(z.refine((c) => c.endedAt >= c.dialedAt, { message: 'endBeforeStart', path: ['endedAt'] }))
  .check(
    z.refine((c) => (c.outcome === 'failed') === (c.failureReason !== undefined), {
      message: 'failureReasonWithFailedOnly',
      path: ['failureReason'],
    }),
  );

/** One REFER the agent sent: the transfer chain of the call, oldest first. */
const transferSchema = z.strictObject({
  mode: z.enum(['blind', 'attended']),
  target: transferTargetSchema,
  requestedAt: epochMs,
  outcome: z.enum(['completed', 'failed']),
  sipStatus: z.optional(sipStatus),
});

/**
 * A stretch of the call a supervisor listened, coached or was in the call (issue 16): a mode
 * switch ends one and starts the next. `supervisor` is the SIP user the verified request named.
 */
const supervisionSchema = z
  .strictObject({
    supervisor: z
      .string()
      .check(z.minLength(1))
      .check(z.maxLength(128))
      .check(z.regex(/^[^\p{Cc}\p{Cf}<>"]+$/u)),
    mode: z.enum(['listen', 'coach', 'barge']),
    start: epochMs,
    end: epochMs,
  })
  .check(z.refine((s) => s.end >= s.start, { message: 'endBeforeStart', path: ['end'] }));
export type SupervisionRecord = Readonly<z.output<typeof supervisionSchema>>;

/**
 * A finished call as the renderer knows it when it ends (`callRecordFromEndedCall` builds it
 * from the shared call model). Durations are not sent: the host derives talk, hold and consult
 * time from the timeline, so the figures and the timeline cannot disagree.
 */
export const callRecordSchema = z
  .strictObject({
    callId: identifier,
    direction: z.enum(CALL_DIRECTIONS),
    /** As it came (a SIP URI or a number): the host normalises it and keys the customer by it. */
    remoteNumber: z.string().check(z.maxLength(L.remoteNumber)),
    /** Untrusted (from SIP headers): made safe and cut, never a reason to lose the record. */
    remoteName: z._default(displayText(L.remoteName), ''),
    queue: z._default(displayText(L.queue), ''),
    startedAt: epochMs,
    answeredAt: z.optional(epochMs),
    endedAt: epochMs,
    endReason: z.enum(CALL_END_REASONS),
    endStatus: z.optional(sipStatus),
    holds: z._default(z.array(holdSchema).check(z.maxLength(L.holds)), []),
    consults: z._default(z.array(consultSchema).check(z.maxLength(L.consults)), []),
    transfers: z._default(z.array(transferSchema).check(z.maxLength(L.transfers)), []),
    supervisions: z._default(z.array(supervisionSchema).check(z.maxLength(L.supervisions)), []),
    /** Mean opinion score over the call (E-model), when measured. */
    meanMos: z.optional(z.number().check(z.minimum(1)).check(z.maximum(5))),
  })
  .check(z.refine((c) => c.endedAt >= c.startedAt, { message: 'endBeforeStart', path: ['endedAt'] }))
  .check(
    z.refine((c) => c.answeredAt === undefined || (c.answeredAt >= c.startedAt && c.answeredAt <= c.endedAt), {
      message: 'answeredOutsideCall',
      path: ['answeredAt'],
    }),
  );

export type CallRecordInput = z.input<typeof callRecordSchema>;
export type CallRecord = Readonly<z.output<typeof callRecordSchema>>;

export interface CallDurations {
  readonly talkMs: number;
  readonly holdMs: number;
  readonly consultMs: number;
}

/**
 * Talk is the answered time minus hold (hold and talk add up to the connected time, as handle
 * time counts them); consult time overlaps hold, since the customer waits while the agent consults.
 */
export function callDurations(record: CallRecord): CallDurations {
  const within = (t: number) => Math.min(Math.max(t, record.answeredAt ?? record.endedAt), record.endedAt);
  const holdMs = record.holds.reduce((sum, h) => sum + (within(h.end) - within(h.start)), 0);
  const connectedMs = record.answeredAt === undefined ? 0 : record.endedAt - record.answeredAt;
  const consultMs = record.consults.reduce((sum, c) => sum + (c.endedAt - c.dialedAt), 0);
  return { talkMs: Math.max(0, connectedMs - holdMs), holdMs, consultMs };
}
