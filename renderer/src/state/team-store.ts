import type { AgentState } from '../../../shared/agent';
import type { PresenceCall } from '../../../shared/presence/agent-call';
import type { PresenceKind } from '../../../shared/presence/pidf';
import type { QueueBoard } from '../../../shared/presence/queue-board';
import type { OwnPresence, PresenceEvent } from '../phone/presence';

/** What the team list shows of a colleague. `unknown` until the server has said anything. */
export interface Colleague {
  readonly user: string;
  readonly kind: PresenceKind | 'unknown';
  /** When the state began (epoch ms), as the colleague published it or as first seen here. */
  readonly since: number | undefined;
  readonly reason: string;
  /** The queues the colleague is a member of, from the board. */
  readonly queues: readonly string[];
  /** On a call: what they published of it (answered, queue, hold, escalation), for the supervisor's board. */
  readonly call?: PresenceCall;
}

export interface TeamState {
  readonly colleagues: readonly Colleague[];
  /** `undefined` until the board arrives; `null` when the server has none (presence only). */
  readonly board: QueueBoard | null | undefined;
  /** The queues the board says this agent is a member of (escalations waiting for them, issue 16). */
  readonly myQueues?: readonly string[];
}

/** The parts of the phone engine the team needs (Phone implements it). */
export interface TeamSource {
  onPresence(listener: (event: PresenceEvent) => void): () => void;
  publishPresence(own: OwnPresence): void;
  watchTeam(users: readonly string[]): void;
}

/** The agent's own state as colleagues see it. */
export function presenceKindOf(agent: AgentState): PresenceKind {
  switch (agent.kind) {
    case 'offline':
      return 'offline';
    case 'available':
    case 'ringing':
      return 'available';
    case 'on-call':
    case 'consulting':
      return 'on-call';
    case 'wrap-up':
      return 'wrap-up';
    case 'break':
      return 'break';
    default:
      return 'available';
  }
}

/** Escalation targets first, then everyone else, each by user. */
const ESCALATION_QUEUES = ['senior', 'technical'];
function rank(c: Colleague): number {
  const i = ESCALATION_QUEUES.findIndex((q) => c.queues.includes(q));
  return i < 0 ? ESCALATION_QUEUES.length : i;
}

/**
 * The team list and queue board, fed by the phone's presence events. NOTIFY bursts (a whole team
 * changing at shift start, 300 colleagues) are applied once per animation frame, so React renders
 * once per frame at most; the "time in state" labels are the view's one clock, not a timer each.
 * It also publishes the agent's own state whenever it changes.
 */
export class TeamStore {
  #state: TeamState = { colleagues: [], board: undefined, myQueues: [] };
  #myQueues: readonly string[] = [];
  readonly #byUser = new Map<string, Colleague>();
  readonly #listeners = new Set<() => void>();
  #queued: PresenceEvent[] = [];
  #scheduled = false;
  #published: OwnPresence | undefined;
  #publishedCall = '';
  #watched = '';
  /** Each colleague the board names, with their queues. */
  #fromBoard = new Map<string, string[]>();
  /** Colleagues from the team-list setting (a server without the lab's board). */
  #configured: readonly string[] = [];

  constructor(
    private readonly source: TeamSource,
    readonly self: () => string,
    private readonly now: () => number = Date.now,
    private readonly schedule: (flush: () => void) => void = (flush) => requestAnimationFrame(flush),
  ) {
    source.onPresence((event) => {
      this.#queued.push(event);
      if (this.#scheduled) return;
      this.#scheduled = true;
      this.schedule(() => this.#flush());
    });
    source.watchTeam([]);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): TeamState => this.#state;

  /**
   * Called with every agent state the desk has, and the current call's facts; publishes only a
   * change of what colleagues see. The time in state stays that of the state, whatever the call does.
   */
  agentChanged(agent: AgentState, call?: PresenceCall): void {
    const kind = presenceKindOf(agent);
    const ownCall = kind === 'on-call' ? call : undefined;
    const callKey = ownCall ? JSON.stringify(ownCall) : '';
    if (kind === this.#published?.kind && callKey === this.#publishedCall) return;
    const since = kind === this.#published?.kind ? this.#published.since : this.now();
    this.#published = { kind, since, reason: agent.kind === 'break' ? agent.reason : '', ...(ownCall ? { call: ownCall } : {}) };
    this.#publishedCall = callKey;
    this.source.publishPresence(this.#published);
  }

  /** The team-list setting: these colleagues are watched and listed whether or not a board names them. */
  setTeamList(users: readonly string[]): void {
    if (users.join(',') === this.#configured.join(',')) return;
    this.#configured = [...users];
    this.#rebuild();
    this.#publish(this.#state.board);
  }

  #flush(): void {
    this.#scheduled = false;
    const events = this.#queued;
    this.#queued = [];
    let board = this.#state.board;
    for (const event of events) {
      switch (event.type) {
        case 'queue-board':
          board = event.board ?? null;
          if (event.board) this.#learnMembers(event.board);
          break;
        case 'colleague': {
          const before = this.#byUser.get(event.user);
          if (!before) break;
          const { kind, reason, call } = event.presence;
          const since = event.presence.since ?? (before.kind === kind ? before.since : this.now());
          const { call: _old, ...rest } = before;
          this.#byUser.set(event.user, { ...rest, kind, reason, since, ...(call ? { call } : {}) });
          break;
        }
        case 'colleague-lamp': {
          const before = this.#byUser.get(event.user);
          if (!before) break;
          const kind: PresenceKind = event.lamp === 'on-call' ? 'on-call' : 'available';
          const { call: _old, ...rest } = before;
          this.#byUser.set(event.user, { ...rest, kind, since: before.kind === kind ? before.since : this.now() });
          break;
        }
      }
    }
    this.#publish(board);
  }

  #publish(board: TeamState['board']): void {
    const colleagues = [...this.#byUser.values()].sort((a, b) => rank(a) - rank(b) || a.user.localeCompare(b.user));
    this.#state = { colleagues, board, myQueues: this.#myQueues };
    this.#listeners.forEach((l) => l());
  }

  /** The board names each queue's members: they are the team (the agent aside), with the team-list setting's. */
  #learnMembers(board: QueueBoard): void {
    const queuesOf = new Map<string, string[]>();
    for (const q of board.queues) for (const user of q.people ?? []) queuesOf.set(user, [...(queuesOf.get(user) ?? []), q.name]);
    this.#fromBoard = queuesOf;
    const mine = queuesOf.get(this.self()) ?? [];
    if (mine.join(',') !== this.#myQueues.join(',')) this.#myQueues = mine;
    this.#rebuild();
  }

  #rebuild(): void {
    const queuesOf = new Map(this.#fromBoard);
    for (const user of this.#configured) if (!queuesOf.has(user)) queuesOf.set(user, []);
    queuesOf.delete(this.self());
    for (const [user, queues] of queuesOf) {
      const before = this.#byUser.get(user);
      // The board comes with nearly every change (its counts move): an unchanged colleague stays the same
      // object, so the team list re-renders only the rows that changed (300 colleagues, issue 15's bench).
      if (before && sameList(before.queues, queues)) continue;
      this.#byUser.set(user, before ? { ...before, queues } : { user, kind: 'unknown', since: undefined, reason: '', queues });
    }
    for (const user of [...this.#byUser.keys()]) if (!queuesOf.has(user)) this.#byUser.delete(user);
    const watched = [...queuesOf.keys()].sort().join(',');
    if (watched !== this.#watched) {
      this.#watched = watched;
      this.source.watchTeam([...queuesOf.keys()]);
    }
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
