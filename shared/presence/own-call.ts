import type { LiveCall } from '../call/call';
import type { EscalationReason, Severity } from '../escalation/schema';
import type { ConsultState, PresenceCall } from './agent-call';

/** What the agent's own Warmline knows of an escalation it sent on the call. */
export interface SentEscalationFacts {
  readonly reason: EscalationReason;
  readonly severity: Severity;
  /** The consult leg's far end (the SIP user dialled), when there is a leg. */
  readonly to: string | undefined;
}

/**
 * The agent's current call as presence: undefined before it is answered. The escalation shows
 * only while a consult leg is up (ringing, talking, merged, or being completed).
 */
export function presenceCallOf(
  call: LiveCall,
  queue: string | undefined,
  sent: SentEscalationFacts | undefined,
): PresenceCall | undefined {
  if (call.phase === 'offered' || call.phase === 'dialing') return undefined;
  const openHold = call.holds.at(-1);
  const holdSince = openHold && openHold.end === undefined ? openHold.start : undefined;
  // While a REFER is out, the call is still as it was before it.
  const live = call.phase === 'transferring' ? call.resumeTo : call;
  const consult =
    live.phase === 'consult-ringing' || live.phase === 'consulting' || live.phase === 'three-way' ? live.consult : undefined;
  const state: ConsultState | undefined =
    live.phase === 'consult-ringing'
      ? 'ringing'
      : live.phase === 'consulting'
        ? 'talking'
        : live.phase === 'three-way'
          ? 'three-way'
          : undefined;
  const escalation =
    sent && state && consult && sent.to !== undefined
      ? { reason: sent.reason, severity: sent.severity, to: sent.to, state, since: consult.dialedAt }
      : undefined;
  return {
    since: call.answeredAt,
    ...(queue !== undefined ? { queue } : {}),
    ...(holdSince !== undefined ? { holdSince } : {}),
    ...(escalation ? { escalation } : {}),
  };
}
