/** How long a phone whose connection dropped mid-call may take to register again and go on with its calls. */
export const REJOIN_WINDOW_MS = 5 * 60_000;

/** The registered phone on a connection that closed: its account and its Contact keys (see registrar.contactKey). */
export interface DroppedPhone {
  readonly user: string;
  readonly contacts: readonly string[];
}

interface TrackedCall {
  readonly users: Set<string>;
  readonly conns: Set<number>;
  readonly since: number;
  /** Phones whose connection dropped during the call, and when: they may come back (issue 14). */
  readonly away: Map<string, DroppedPhone & { readonly at: number }>;
}

/**
 * Calls set up through the proxy, by Call-ID, with the accounts and connections on them. The ACD needs this to
 * know an agent is on a call; the dialog itself lives in the endpoints (the proxy only Record-Routes).
 *
 * A registered phone's dropped WebSocket does not end its calls: the phone reconnects, registers again with the
 * same Contact and goes on (issue 14; the dialog table lets it back in the same way). Meanwhile the agent stays
 * busy, so the queue does not offer it a call in the middle of one. The call ends by BYE, when an unregistered
 * party's connection drops, when another phone of the account registers instead, or after REJOIN_WINDOW_MS.
 */
export class CallTracker {
  private readonly calls = new Map<string, TrackedCall>();

  constructor(
    private readonly onChange: (users: readonly string[], what: 'answered' | 'ended') => void,
    private readonly now: () => number = Date.now,
  ) {}

  answered(callId: string, users: readonly string[], conns: readonly number[]): void {
    const call = this.calls.get(callId) ?? {
      users: new Set<string>(),
      conns: new Set<number>(),
      since: this.now(),
      away: new Map(),
    };
    users.forEach((u) => call.users.add(u));
    conns.forEach((c) => call.conns.add(c));
    this.calls.set(callId, call);
    this.onChange(users, 'answered');
  }

  ended(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    this.onChange([...call.users], 'ended');
  }

  /**
   * A peer's connection closed. A registered phone (`phone`) of the call may come back; any other party cannot
   * go on (no BYE will pass through us), so its calls end.
   */
  dropConnection(connId: number, phone: DroppedPhone | null): void {
    for (const [callId, call] of this.calls) {
      if (!call.conns.delete(connId)) continue;
      if (phone && call.users.has(phone.user)) call.away.set(phone.user, { ...phone, at: this.now() });
      else this.ended(callId);
    }
  }

  /**
   * `user` registered on `connId` with these Contact keys: the same phone takes its calls back. A phone of the
   * account signing in anew (`fresh`: none of its contacts was registered before) means the app started over and
   * the calls it had are gone; a refresh from another phone of the account changes nothing.
   */
  rejoin(user: string, connId: number, contacts: readonly string[], fresh: boolean): void {
    for (const [callId, call] of this.calls) {
      const away = call.away.get(user);
      if (!away) continue;
      if (away.contacts.some((c) => contacts.includes(c))) {
        call.away.delete(user);
        call.conns.add(connId);
      } else if (fresh) this.ended(callId);
    }
  }

  /** `user`'s phone moved from `fromConn` (still open, half-dead) to `toConn` (see DialogTable.handOver). */
  handOver(user: string, fromConn: number, toConn: number): void {
    for (const call of this.calls.values()) {
      if (!call.users.has(user) || !call.conns.delete(fromConn)) continue;
      call.conns.add(toConn);
    }
  }

  /** Ends the calls of phones that did not come back in time; called periodically. */
  sweep(): void {
    const now = this.now();
    for (const [callId, call] of this.calls)
      if ([...call.away.values()].some((a) => now - a.at > REJOIN_WINDOW_MS)) this.ended(callId);
  }

  activeCallsOf(user: string): number {
    let n = 0;
    for (const call of this.calls.values()) if (call.users.has(user)) n++;
    return n;
  }

  snapshot(): Array<{ callId: string; users: string[]; since: string }> {
    return [...this.calls].map(([callId, c]) => ({ callId, users: [...c.users], since: new Date(c.since).toISOString() }));
  }
}
