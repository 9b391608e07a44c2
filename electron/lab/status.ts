import type { LabConfig } from './config.js';
import type { AgentBoard } from './acd/agents.js';
import type { QueueEngine } from './acd/queues.js';
import type { CallTracker } from './proxy/calls.js';
import type { Registrar } from './registrar.js';

export interface StatusSources {
  readonly config: LabConfig;
  readonly registrar: Registrar;
  readonly board: AgentBoard;
  readonly queues: QueueEngine;
  readonly calls: CallTracker;
  readonly connections: () => number;
  readonly droppedByRateLimit: () => number;
}

/**
 * The read-only `GET /status` document. No passwords, no credentials, and no Contacts: a Contact is where the
 * lab delivers an agent's calls, and showing it let a stranger aim requests at that phone (issue 17, finding 1).
 */
export function labStatus(s: StatusSources): Record<string, unknown> {
  const now = Date.now();
  const waiting = s.queues.snapshot();
  return {
    domain: s.config.domain,
    connections: s.connections(),
    droppedByRateLimit: s.droppedByRateLimit(),
    registrations: s.registrar.all().map((b) => ({
      user: b.user,
      expiresInSeconds: Math.max(0, Math.round((b.expiresAt - now) / 1000)),
      connection: b.connId,
    })),
    queues: s.config.queues.map((q) => ({
      name: q.name,
      strategy: q.strategy,
      ringTimeoutSeconds: q.ringTimeoutSeconds,
      maxWaitSeconds: q.maxWaitSeconds,
      members: s.board.members(q.name).map((user) => ({ user, state: s.board.state(user, q.name) })),
      waiting: waiting.filter((w) => w.queue === q.name),
    })),
    agents: s.config.accounts
      .filter((a) => s.board.queuesOf(a.user).length > 0)
      .map((a) => ({
        user: a.user,
        registered: s.registrar.isRegistered(a.user),
        activeCalls: s.calls.activeCallsOf(a.user),
        queues: Object.fromEntries(s.board.queuesOf(a.user).map((q) => [q, s.board.state(a.user, q)])),
      })),
    calls: s.calls.snapshot(),
  };
}
