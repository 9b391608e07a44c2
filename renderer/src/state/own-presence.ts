import type { PresenceCall } from '../../../shared/presence/agent-call';
import { presenceCallOf } from '../../../shared/presence/own-call';
import type { EscalationLog } from './escalation-log';
import type { PhoneState } from './phone-state';

/**
 * The agent's current call as colleagues and supervisors see it in presence (issue 16): the
 * customer call the agent is on, its queue, its hold, and the escalation sent on it while its
 * consult leg is up (the leg's far end is where it went).
 */
export function ownCallFacts(phone: PhoneState, escalations: EscalationLog): PresenceCall | undefined {
  const agent = phone.agent;
  if (agent.kind !== 'on-call' && agent.kind !== 'consulting') return undefined;
  const entry = phone.calls.find((c) => c.info.callId === agent.callId);
  if (!entry || entry.call.phase === 'ended') return undefined;
  const sent = escalations.lastSent(agent.callId);
  const leg = phone.calls.find((c) => c.consultFor === agent.callId);
  return presenceCallOf(
    entry.call,
    entry.info.queue?.name,
    sent ? { reason: sent.reason, severity: sent.severity, to: leg?.info.remote.number } : undefined,
  );
}
