import { decodeEscalationContext, ReplayGuard, type DecodedContext, type ReceivedOn } from '../../../shared/escalation';

/** One per app: the card, the wrap-up form and the history must agree on which call saw an escalation first. */
const received = new ReplayGuard();

/** A received context decoded with the team key; received-context.ts loads this with the first one. */
export function decodeWithGuard(header: string, teamKey: string, on: ReceivedOn | undefined): Promise<DecodedContext> {
  return decodeEscalationContext(header, teamKey, { ...(on ? { received: on } : {}), guard: received });
}
