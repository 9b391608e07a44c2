import { decodeEscalationContext, ReplayGuard, type DecodedContext, type ReceivedOn } from '../../../shared/escalation';
import type { HostApi } from '../host';
import { OVERSIZED_CONTEXT } from '../phone';

/** One per app: the card, the wrap-up form and the history must agree on which call saw an escalation first. */
const received = new ReplayGuard();

/**
 * A received context, decoded and judged against the INVITE it came on (`on`, from the phone)
 * with the team key from the host. Every reader of a received context goes through here.
 */
export async function decodeReceivedContext(
  header: string,
  on: ReceivedOn | undefined,
  host: Pick<HostApi, 'getTeamKey'>,
): Promise<DecodedContext> {
  if (header === OVERSIZED_CONTEXT) return { status: 'unreadable', why: 'oversized' };
  const key = await host.getTeamKey();
  return decodeEscalationContext(header, key.ok ? key.value : '', { ...(on ? { received: on } : {}), guard: received });
}
