import { z } from 'zod/mini';
import type { EscalationQueue } from '../call/call';
import { multiLine, singleLine } from './text';

/** The wire and schema version. A context with a higher `v` is "from the future" and shown as unreadable. */
export const ESCALATION_CONTEXT_VERSION = 1;

/**
 * Hierarchical: up the chain, to someone with more authority (the senior queue, a supervisor).
 * Functional: across, to someone with the expertise (the technical queue).
 */
export const ESCALATION_KINDS = ['hierarchical', 'functional'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export interface EscalationReasonInfo {
  readonly kind: EscalationKind;
  /** The queue the panel preselects for this reason; the agent may still pick another target. */
  readonly queue: EscalationQueue;
  /** Abuse and threats go to a supervisor, whoever else is in the senior queue. */
  readonly supervisor: boolean;
}

/** The escalation taxonomy. A record, so a new reason does not compile until it is classified. */
export const ESCALATION_REASON_INFO = {
  'lacks-expertise': { kind: 'functional', queue: 'technical', supervisor: false },
  'wants-higher-authority': { kind: 'hierarchical', queue: 'senior', supervisor: false },
  'solution-not-accepted': { kind: 'hierarchical', queue: 'senior', supervisor: false },
  'volume-or-wait-time': { kind: 'hierarchical', queue: 'senior', supervisor: false },
  'abusive-or-threatening': { kind: 'hierarchical', queue: 'senior', supervisor: true },
} as const satisfies Record<string, EscalationReasonInfo>;

export type EscalationReason = keyof typeof ESCALATION_REASON_INFO;
/** In the order the reason menu shows them. */
export const ESCALATION_REASONS = Object.keys(ESCALATION_REASON_INFO) as readonly EscalationReason[];

/** Derived from the reason, never stored: one source of truth for hierarchical vs functional. */
export function escalationKind(reason: EscalationReason): EscalationKind {
  return ESCALATION_REASON_INFO[reason].kind;
}

export const MOODS = ['calm', 'frustrated', 'angry', 'abusive'] as const;
export type Mood = (typeof MOODS)[number];

/** 1 is the most severe (service down, money or safety at stake), 4 the least, as in ITIL. */
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ESCALATION_TARGET_KINDS = ['queue', 'agent', 'external'] as const;

/**
 * Per-field bounds, in UTF-16 units (what a text input's maxLength counts). They are chosen so
 * that every field but the three free-text ones, at its worst (3 UTF-8 bytes a unit), still fits
 * the 4 KB header: only `tried`, `promised` and `note` ever need cutting (see codec.ts).
 */
export const ESCALATION_LIMITS = {
  customerName: 100,
  customerNumber: 64,
  reference: 64,
  queue: 64,
  agentId: 64,
  agentName: 64,
  externalNumber: 32,
  summary: 160,
  tried: 800,
  promised: 400,
  note: 800,
  /** A day: anything longer is a clock gone wrong, not a customer on hold. */
  seconds: 86_400,
} as const;

/** Free text the codec may shorten to fit the header, least essential first: the note, then what was tried, then what was promised. */
export const FREE_TEXT_FIELDS = ['note', 'tried', 'promised'] as const;
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[number];

const L = ESCALATION_LIMITS;
/** 128 random bits, lower-case hex: see `newEscalationId`. */
export const escalationIdSchema = z.string().check(z.regex(/^[0-9a-f]{32}$/));
const epochMs = z.int().check(z.minimum(0)).check(z.maximum(8.64e15));
const seconds = z.int().check(z.minimum(0)).check(z.maximum(L.seconds));

/** The same shape as `TransferTarget` in shared/call, so a context's target can be dialed as it is. */
export const escalationTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue'), queue: z.enum(['senior', 'technical']) }),
  z.strictObject({
    kind: z.literal('agent'),
    agentId: singleLine(L.agentId, { required: true }),
    /** Left out rather than empty, as in TransferTarget, so that one context has one wire form. */
    displayName: z.optional(
      z.pipe(
        singleLine(L.agentName),
        z.transform((s) => s || undefined),
      ),
    ),
  }),
  z.strictObject({ kind: z.literal('external'), number: z.string().check(z.regex(/^\+?[0-9*#]{1,32}$/, { message: 'number' })) }),
]);

export const escalationContextSchema = z.strictObject({
  v: z.literal(ESCALATION_CONTEXT_VERSION),
  /** Also carried in the User-to-User header, so the two ends' history records can be linked. */
  id: escalationIdSchema,
  customer: z.strictObject({
    name: z._default(singleLine(L.customerName), ''),
    number: z._default(singleLine(L.customerNumber), ''),
    /** Account or ticket reference. */
    reference: z._default(singleLine(L.reference), ''),
  }),
  /** The queue the call came in on; empty for a direct call. */
  fromQueue: z._default(singleLine(L.queue), ''),
  target: escalationTargetSchema,
  reason: z.enum(ESCALATION_REASONS as [EscalationReason, ...EscalationReason[]]),
  severity: z.union(SEVERITIES.map((s) => z.literal(s)) as [z.ZodMiniLiteral<Severity>, ...z.ZodMiniLiteral<Severity>[]]),
  /** One line the consultee reads first. */
  summary: singleLine(L.summary, { required: true }),
  tried: z._default(multiLine(L.tried), ''),
  promised: z._default(multiLine(L.promised), ''),
  mood: z.enum(MOODS),
  note: z._default(multiLine(L.note), ''),
  agent: z.strictObject({ id: singleLine(L.agentId, { required: true }), name: z._default(singleLine(L.agentName), '') }),
  time: z
    .strictObject({
      callStartedAt: epochMs,
      escalatedAt: epochMs,
      /** In the queue before an agent answered. */
      waitedSeconds: seconds,
      /** On hold on this call so far. */
      heldSeconds: seconds,
    })
    .check(z.refine((t) => t.escalatedAt >= t.callStartedAt, { message: 'escalatedBeforeCall', path: ['escalatedAt'] })),
});

/** What the panel hands the codec: optional text may be left out, text is trimmed on the way in. */
export type EscalationContextInput = z.input<typeof escalationContextSchema>;
/** A valid, normalised context: what is sent, and what a received header decodes to. */
export type EscalationContext = Readonly<z.output<typeof escalationContextSchema>>;
export type EscalationTarget = z.output<typeof escalationTargetSchema>;
