import type { Colleague, TeamState } from '../../state/team-store';

/** Who can take an escalation right now, from what the team board shows (issue 15). */
export interface EscalationAvailability {
  /**
   * Free members of each target queue, by target; `undefined` where the server gives no queue
   * figures (presence only) or the board does not list the queue.
   */
  readonly queues: Readonly<Record<'senior' | 'technical', number | undefined>>;
  /** Colleagues free now, escalation-queue members first (the team list's order), at most `MAX_FREE`. */
  readonly free: readonly Colleague[];
}

export const MAX_FREE_SHOWN = 8;

/** The queue's name on the board from its configured address: `senior`, `sip:senior@pbx` → `senior`. */
export function queueNameOf(address: string): string {
  return address.replace(/^sips?:/i, '').split('@')[0] ?? '';
}

export function escalationAvailability(
  team: TeamState,
  addresses: { readonly seniorQueue: string; readonly technicalQueue: string },
): EscalationAvailability {
  const freeIn = (address: string) => team.board?.queues.find((q) => q.name === queueNameOf(address))?.members.available;
  return {
    queues: { senior: freeIn(addresses.seniorQueue), technical: freeIn(addresses.technicalQueue) },
    free: team.colleagues.filter((c) => c.kind === 'available').slice(0, MAX_FREE_SHOWN),
  };
}
