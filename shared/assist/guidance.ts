import type { Settings } from '../settings';
import { secondsForQueue } from '../settings-rules';

/** Time on a call against the queue's target handle time. */
export type SlaGuidance =
  | { readonly kind: 'on-track' }
  /** Close to the target: time to escalate or agree a callback rather than run over. */
  | { readonly kind: 'escalate-soon'; readonly remainingMs: number }
  | { readonly kind: 'breached'; readonly overMs: number };

export interface SlaPolicy {
  readonly targetMs: number;
  /** Share of the target after which the agent is nudged, e.g. 0.8. */
  readonly nudgeAt: number;
}

/** Used when the server names no target for the queue: six minutes, a common inbound service handle time. */
export const DEFAULT_SLA_POLICY: SlaPolicy = { targetMs: 360_000, nudgeAt: 0.8 };

/** The policy for a call from `queue`: the queue's own target when the team set one, else the default target. */
export function slaPolicyFor(
  queue: string | undefined,
  settings: Pick<Settings, 'callTargetSeconds' | 'queueTargets'>,
): SlaPolicy {
  const seconds = secondsForQueue(settings.queueTargets, queue, settings.callTargetSeconds);
  return { targetMs: seconds * 1000, nudgeAt: DEFAULT_SLA_POLICY.nudgeAt };
}

export function slaGuidance(onCallMs: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaGuidance {
  const elapsed = Math.max(0, onCallMs);
  if (elapsed >= policy.targetMs) return { kind: 'breached', overMs: elapsed - policy.targetMs };
  if (elapsed >= policy.targetMs * policy.nudgeAt) return { kind: 'escalate-soon', remainingMs: policy.targetMs - elapsed };
  return { kind: 'on-track' };
}

/**
 * Hold: many customers hang up after a minute of silence. At 30 s the agent should check in and
 * say how long it will take; at 60 s go back to the customer with the return script.
 */
export type HoldGuidance = 'none' | 'check-in' | 'return';

export const HOLD_NUDGES_MS = { checkIn: 30_000, return: 60_000 } as const;

export function holdGuidance(heldMs: number | undefined, nudges: typeof HOLD_NUDGES_MS = HOLD_NUDGES_MS): HoldGuidance {
  if (heldMs === undefined) return 'none';
  if (heldMs >= nudges.return) return 'return';
  if (heldMs >= nudges.checkIn) return 'check-in';
  return 'none';
}
