import { z } from 'zod';
import { identifier } from '../host-api/text';
import {
  ESCALATION_LIMITS,
  ESCALATION_REASONS,
  escalationIdSchema,
  MOODS,
  SEVERITIES,
  type EscalationReason,
  type Severity,
} from '../escalation/schema';
import { DECLINE_REASONS, type ConsultFailureReason } from '../call/call';
import { CONSULT_FAILURE_REASONS } from './call-record';
import { transferTargetSchema } from './target';
import { block, durationMs, epochMs, line, sipStatus } from './text';

export const ESCALATION_OUTCOMES = ['transferred', 'three-way', 'cancelled', 'declined', 'failed', 'blind'] as const;
export type EscalationOutcomeKind = (typeof ESCALATION_OUTCOMES)[number];
/** Why a consult failed, other than a decline (which is its own outcome). */
export const ESCALATION_FAILURES = CONSULT_FAILURE_REASONS.filter(
  (r): r is Exclude<ConsultFailureReason, 'declined'> => r !== 'declined',
) as [Exclude<ConsultFailureReason, 'declined'>, ...Exclude<ConsultFailureReason, 'declined'>[]];

export const escalationOutcomeSchema = z.discriminatedUnion('kind', [
  /** The customer was handed over after a consult (REFER with Replaces). */
  z.object({ kind: z.literal('transferred') }).strict(),
  /** The agent merged the three parties and did not hand over afterwards (then it is `transferred`). */
  z.object({ kind: z.literal('three-way') }).strict(),
  /** The consult ended without a handover: the agent cancelled, or the consultee hung up. */
  z.object({ kind: z.literal('cancelled') }).strict(),
  /** The consultee (or every member of the queue) declined, with their reason when they gave one. */
  z.object({ kind: z.literal('declined'), reason: z.enum(DECLINE_REASONS).optional(), sipStatus: sipStatus.optional() }).strict(),
  z.object({ kind: z.literal('failed'), reason: z.enum(ESCALATION_FAILURES), sipStatus: sipStatus.optional() }).strict(),
  /** Handed over without a consult (REFER without Replaces). */
  z.object({ kind: z.literal('blind') }).strict(),
]);
export type EscalationOutcome = z.output<typeof escalationOutcomeSchema>;

const L = ESCALATION_LIMITS;

/**
 * One escalation as either end records it: `sent` by the agent who escalated, `received` by the
 * consultee (with whether the context's signature checked out). The kind (hierarchical or
 * functional) is not sent: the host derives it from the reason, as the taxonomy defines it.
 */
export const escalationRecordSchema = z
  .object({
    id: escalationIdSchema,
    /** This agent's call: the customer call (sent) or the call that brought the context (received). */
    callId: identifier,
    direction: z.enum(['sent', 'received']),
    verified: z.enum(['verified', 'unverified']).optional(),
    target: transferTargetSchema,
    reason: z.enum(ESCALATION_REASONS as [EscalationReason, ...EscalationReason[]]),
    severity: z.union(SEVERITIES.map((s) => z.literal(s)) as [z.ZodLiteral<Severity>, ...z.ZodLiteral<Severity>[]]),
    mood: z.enum(MOODS),
    summary: line(L.summary),
    tried: block(L.tried).default(''),
    promised: block(L.promised).default(''),
    escalatedAt: epochMs,
    /** The customer's hold while the agent consulted, and the consult leg's length. */
    holdMs: durationMs,
    consultMs: durationMs,
    outcome: escalationOutcomeSchema,
  })
  .strict()
  .refine((e) => (e.direction === 'received') === (e.verified !== undefined), {
    message: 'verifiedForReceivedOnly',
    path: ['verified'],
  });

export type EscalationRecordInput = z.input<typeof escalationRecordSchema>;
export type EscalationRecord = Readonly<z.output<typeof escalationRecordSchema>>;
