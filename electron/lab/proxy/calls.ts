/**
 * Calls set up through the proxy, by Call-ID, with the accounts and connections on them. The ACD needs this to
 * know an agent is on a call; the dialog itself lives in the endpoints (the proxy only Record-Routes).
 */
export class CallTracker {
  private readonly calls = new Map<string, { users: Set<string>; conns: Set<number>; since: number }>();

  constructor(private readonly onChange: (users: readonly string[], what: 'answered' | 'ended') => void) {}

  answered(callId: string, users: readonly string[], conns: readonly number[]): void {
    const call = this.calls.get(callId) ?? { users: new Set<string>(), conns: new Set<number>(), since: Date.now() };
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

  /** A peer's connection closed: its calls cannot go on (no BYE will pass through us). */
  dropConnection(connId: number): void {
    for (const [callId, call] of this.calls) if (call.conns.has(connId)) this.ended(callId);
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
