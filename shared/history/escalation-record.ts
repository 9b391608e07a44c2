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
import { CONSULT_FAILURE_REASONS } from './call-record';
import { transferTargetSchema } from './target';
import { block, durationMs, epochMs, line, sipStatus } from './text';

export const ESCALATION_OUTCOMES = ['completed', 'conference', 'cancelled', 'failed'] as const;
export type EscalationOutcomeKind = (typeof ESCALATION_OUTCOMES)[number];

const outcomeSchema = z.discriminatedUnion('kind', [
  /** The customer was handed over (REFER with Replaces). */
  z.object({ kind: z.literal('completed') }).strict(),
  /** The agent merged the three parties (and may have left by completing afterwards: then `completed`). */
  z.object({ kind: z.literal('conference') }).strict(),
  z.object({ kind: z.literal('cancelled') }).strict(),
  z.object({ kind: z.literal('failed'), reason: z.enum(CONSULT_FAILURE_REASONS), sipStatus: sipStatus.optional() }).strict(),
]);

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
    outcome: outcomeSchema,
  })
  .strict()
  .refine((e) => (e.direction === 'received') === (e.verified !== undefined), {
    message: 'verifiedForReceivedOnly',
    path: ['verified'],
  });

export type EscalationRecordInput = z.input<typeof escalationRecordSchema>;
export type EscalationRecord = Readonly<z.output<typeof escalationRecordSchema>>;
