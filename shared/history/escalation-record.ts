import { z } from 'zod/mini';
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
  z.strictObject({ kind: z.literal('transferred') }),
  /** The agent merged the three parties and did not hand over afterwards (then it is `transferred`). */
  z.strictObject({ kind: z.literal('three-way') }),
  /** The consult ended without a handover: the agent cancelled, or the consultee hung up. */
  z.strictObject({ kind: z.literal('cancelled') }),
  /** The consultee (or every member of the queue) declined, with their reason when they gave one. */
  z.strictObject({ kind: z.literal('declined'), reason: z.optional(z.enum(DECLINE_REASONS)), sipStatus: z.optional(sipStatus) }),
  z.strictObject({ kind: z.literal('failed'), reason: z.enum(ESCALATION_FAILURES), sipStatus: z.optional(sipStatus) }),
  /** Handed over without a consult (REFER without Replaces). */
  z.strictObject({ kind: z.literal('blind') }),
]);
export type EscalationOutcome = z.output<typeof escalationOutcomeSchema>;

const L = ESCALATION_LIMITS;

/**
 * One escalation as either end records it: `sent` by the agent who escalated, `received` by the
 * consultee (with whether the context's signature checked out). The kind (hierarchical or
 * functional) is not sent: the host derives it from the reason, as the taxonomy defines it.
 */
export const escalationRecordSchema = z
  .strictObject({
    id: escalationIdSchema,
    /** This agent's call: the customer call (sent) or the call that brought the context (received). */
    callId: identifier,
    direction: z.enum(['sent', 'received']),
    verified: z.optional(z.enum(['verified', 'unverified'])),
    target: transferTargetSchema,
    reason: z.enum(ESCALATION_REASONS as [EscalationReason, ...EscalationReason[]]),
    severity: z.union(SEVERITIES.map((s) => z.literal(s)) as [z.ZodMiniLiteral<Severity>, ...z.ZodMiniLiteral<Severity>[]]),
    mood: z.enum(MOODS),
    summary: line(L.summary),
    tried: z._default(block(L.tried), ''),
    promised: z._default(block(L.promised), ''),
    escalatedAt: epochMs,
    /** The customer's hold while the agent consulted, and the consult leg's length. */
    holdMs: durationMs,
    consultMs: durationMs,
    outcome: escalationOutcomeSchema,
  })
  .check(
    z.refine((e) => (e.direction === 'received') === (e.verified !== undefined), {
      message: 'verifiedForReceivedOnly',
      path: ['verified'],
    }),
  );

export type EscalationRecordInput = z.input<typeof escalationRecordSchema>;
export type EscalationRecord = Readonly<z.output<typeof escalationRecordSchema>>;
