import { buildPidf, type AgentPresence, type PresenceKind } from '../../../shared/presence/pidf.js';
import { buildDialogInfo, type DialogInfoEntry } from '../../../shared/presence/dialog-info.js';
import type { QueueBoardEntry } from '../../../shared/presence/queue-board.js';
import type { AgentQueueState } from '../acd/agents.js';

/**
 * What the lab tells watchers, computed from what it knows. A colleague's own publication
 * (PUBLISH, RFC 3903) is the truth about wrap-up vs break and when a state began; without one the
 * lab derives presence from registration, the queue board and the calls it routes.
 */
export interface PresenceFacts {
  readonly entity: string;
  readonly registered: boolean;
  readonly activeCalls: number;
  /** The agent paused in their queues (wrap-up or break; the lab cannot tell which). */
  readonly paused: boolean;
  readonly published: AgentPresence | undefined;
}

export function presenceOf(f: PresenceFacts): AgentPresence {
  if (!f.registered) return { entity: f.entity, kind: 'offline', reason: '' };
  if (f.published && f.published.kind !== 'offline') return { ...f.published, entity: f.entity };
  const kind: PresenceKind = f.activeCalls > 0 ? 'on-call' : f.paused ? 'break' : 'available';
  return { entity: f.entity, kind, reason: '' };
}

export const pidfFor = (f: PresenceFacts): string => buildPidf(presenceOf(f));

export function dialogInfoFor(entity: string, version: number, calls: readonly { readonly callId: string }[]): string {
  const dialogs: DialogInfoEntry[] = calls.map((c, i) => ({
    id: `d${i + 1}-${c.callId.replace(/[^\w.-]/g, '').slice(0, 40)}`,
    state: 'confirmed',
    direction: undefined,
    remote: '',
  }));
  return buildDialogInfo({ entity, version, dialogs });
}

export interface MemberFacts {
  readonly board: AgentQueueState;
  /** The member's own presence, when published: tells wrap-up from break. */
  readonly presence: PresenceKind | undefined;
}

export function countMembers(members: readonly MemberFacts[]): QueueBoardEntry['members'] {
  const counts = { available: 0, onCall: 0, wrapUp: 0, break: 0, offline: 0 };
  for (const m of members) {
    switch (m.board) {
      case 'offline':
      case 'logged-out':
        counts.offline += 1;
        break;
      case 'busy':
      case 'ringing':
        counts.onCall += 1;
        break;
      case 'paused':
        if (m.presence === 'wrap-up') counts.wrapUp += 1;
        else counts.break += 1;
        break;
      // Settling: free, only not offered for the queue's short wrap-up hold; a supervisor counts them free.
      case 'settling':
      case 'available':
        if (m.presence === 'wrap-up') counts.wrapUp += 1;
        else if (m.presence === 'break') counts.break += 1;
        else counts.available += 1;
        break;
    }
  }
  return counts;
}
