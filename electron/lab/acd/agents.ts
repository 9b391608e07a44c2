import type { LabConfig } from '../config.js';

/**
 * A member's state in one queue. `settling`: free (signed in, unpaused, no call, not ringing) but still in the
 * queue's wrap-up hold after a call or a new registration, so the ACD offers nothing yet; the queue board counts
 * it free (or wrap-up/break by the member's own presence), not on a call.
 */
export type AgentQueueState = 'offline' | 'logged-out' | 'paused' | 'busy' | 'ringing' | 'settling' | 'available';

interface Agent {
  readonly loggedIn: Set<string>;
  readonly paused: Set<string>;
  ringing: boolean;
  /** When the agent last became free; longest-idle picks the smallest. */
  idleSince: number;
  /** When the agent's last call ended or their phone registered anew (the queues' wrap-up hold starts then). */
  heldSince: number;
  registered: boolean;
}

export interface AgentBoardDeps {
  readonly isRegistered: (user: string) => boolean;
  readonly activeCalls: (user: string) => number;
  readonly now?: () => number;
}

/**
 * Queue membership and availability per agent. Configured members start logged in and unpaused; registration
 * and calls come from the registrar and the call tracker, so an agent is available only when the lab can ring it.
 */
export class AgentBoard {
  private readonly agents = new Map<string, Agent>();
  private readonly memberships = new Map<string, string[]>();
  private readonly wrapUpMs = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    config: LabConfig,
    private readonly deps: AgentBoardDeps,
  ) {
    this.now = deps.now ?? Date.now;
    for (const q of config.queues) {
      this.memberships.set(q.name, [...q.members]);
      this.wrapUpMs.set(q.name, q.wrapUpSeconds * 1000);
      for (const user of q.members) this.agent(user).loggedIn.add(q.name);
    }
  }

  queuesOf(user: string): string[] {
    return [...this.memberships].filter(([, members]) => members.includes(user)).map(([q]) => q);
  }

  members(queue: string): readonly string[] {
    return this.memberships.get(queue) ?? [];
  }

  login(user: string, queue: string): void {
    this.agent(user).loggedIn.add(queue);
  }

  logout(user: string, queue: string): void {
    this.agent(user).loggedIn.delete(queue);
  }

  pause(user: string, queue: string): void {
    this.agent(user).paused.add(queue);
  }

  unpause(user: string, queue: string): void {
    const agent = this.agent(user);
    if (agent.paused.delete(queue)) agent.idleSince = Math.max(agent.idleSince, this.now());
  }

  setRinging(user: string, ringing: boolean): void {
    this.agent(user).ringing = ringing;
  }

  callEnded(user: string): void {
    const agent = this.agent(user);
    agent.idleSince = this.now();
    agent.heldSince = agent.idleSince;
  }

  /**
   * A phone that registers anew (after a restart of either side) is held like after a call: it
   * tells its pause state (wrap-up, a break) right after the REGISTER's 200, and a restarted lab
   * has forgotten it; offering before that got a 486 from a desk in wrap-up.
   */
  registrationChanged(user: string, registered: boolean): void {
    const agent = this.agent(user);
    if (registered && !agent.registered) agent.heldSince = this.now();
    agent.registered = registered;
  }

  idleSince(user: string): number {
    return this.agent(user).idleSince;
  }

  /**
   * When a member held only by the wrap-up hold (after a call or a new registration) becomes available; null when
   * something else keeps them (offline, logged out, paused, ringing, on a call) or nothing does. A consult that must
   * not wait in the queue waits this long for them rather than being told "everyone is busy" by a 2 s hold.
   */
  settlesAt(user: string, queue: string): number | null {
    const agent = this.agent(user);
    if (!this.deps.isRegistered(user) || !agent.loggedIn.has(queue) || agent.paused.has(queue)) return null;
    if (agent.ringing || this.deps.activeCalls(user) > 0) return null;
    const until = agent.heldSince + (this.wrapUpMs.get(queue) ?? 0);
    return this.now() < until ? until : null;
  }

  state(user: string, queue: string): AgentQueueState {
    const agent = this.agent(user);
    if (!this.deps.isRegistered(user)) return 'offline';
    if (!agent.loggedIn.has(queue)) return 'logged-out';
    if (agent.paused.has(queue)) return 'paused';
    if (agent.ringing) return 'ringing';
    if (this.deps.activeCalls(user) > 0) return 'busy';
    // Still in the queue's wrap-up hold after a call or a new registration: free, but not offered yet.
    if (this.now() < agent.heldSince + (this.wrapUpMs.get(queue) ?? 0)) return 'settling';
    return 'available';
  }

  private agent(user: string): Agent {
    let agent = this.agents.get(user);
    if (!agent) {
      agent = {
        loggedIn: new Set(),
        paused: new Set(),
        ringing: false,
        idleSince: 0,
        heldSince: Number.NEGATIVE_INFINITY,
        registered: false,
      };
      this.agents.set(user, agent);
    }
    return agent;
  }
}
