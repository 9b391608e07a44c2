import { z } from 'zod/mini';
import { AGENT_STATE_KINDS, BREAK_REASONS, type AgentState, type AgentStateKind } from '../agent/agent-state';
import { displayText, identifier } from './text';
import { truncateText } from '../text';

export const AGENT_STATUS_LIMITS = { callerName: 128, number: 64, queue: 64, from: 128, reason: 256 } as const;

const BREAK_REASON_VALUES = [...BREAK_REASONS, 'missed-call'] as const satisfies readonly Extract<
  AgentState,
  { kind: 'break' }
>['reason'][];

/**
 * What the renderer tells the host whenever the agent's state or the offered call changes, so the
 * tray, OS notifications and global shortcuts can follow it. Main keeps only the latest report.
 */
export const agentStatusSchema = z.strictObject({
  agentState: z.strictObject({
    kind: z.enum(AGENT_STATE_KINDS as readonly [AgentStateKind, ...AgentStateKind[]]),
    breakReason: z.optional(z.enum(BREAK_REASON_VALUES)),
  }),
  /** The call ringing at the agent, if any: shown in an Answer/Decline notification. */
  incomingCall: z.optional(
    z.strictObject({
      callId: identifier,
      callerName: displayText(AGENT_STATUS_LIMITS.callerName),
      number: displayText(AGENT_STATUS_LIMITS.number),
      queue: displayText(AGENT_STATUS_LIMITS.queue),
    }),
  ),
  /** A colleague handing this agent a call (warm transfer), with who and why; never the context's contents. */
  escalation: z.optional(
    z.strictObject({
      callId: identifier,
      from: displayText(AGENT_STATUS_LIMITS.from),
      reason: displayText(AGENT_STATUS_LIMITS.reason),
    }),
  ),
});

export type AgentStatusInput = z.input<typeof agentStatusSchema>;
export type AgentStatus = Readonly<z.output<typeof agentStatusSchema>>;

export const INITIAL_AGENT_STATUS: AgentStatus = { agentState: { kind: 'offline' } };

/** A renderer error for the log file: cut to size, never refused for being long. */
export const ERROR_REPORT_LIMITS = { message: 2000, stack: 8000, source: 200 } as const;

const truncated = (max: number) =>
  z.pipe(
    z.string(),
    z.transform((s) => (s.length > max ? `${truncateText(s, max)}…[truncated]` : s)),
  );

export const errorReportSchema = z.strictObject({
  message: truncated(ERROR_REPORT_LIMITS.message),
  stack: z.optional(truncated(ERROR_REPORT_LIMITS.stack)),
  /** Where it happened: a component or module name, or `window.onerror` / `unhandledrejection`. */
  source: z.optional(truncated(ERROR_REPORT_LIMITS.source)),
});

export type ErrorReportInput = z.input<typeof errorReportSchema>;
export type ErrorReport = Readonly<z.output<typeof errorReportSchema>>;
