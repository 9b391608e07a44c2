import { describe, expect, it } from 'vitest';
import { CallTracker, REJOIN_WINDOW_MS } from './calls';

/** A customer (9001 on connection 1) talking to an agent (1001 on connection 2, contact "phone-a"). */
function upCall(now: () => number) {
  const changes: string[] = [];
  const calls = new CallTracker((users, what) => changes.push(`${what}:${[...users].sort().join(',')}`), now);
  calls.answered('c1', ['1001', '9001'], [1, 2]);
  return { calls, changes };
}

describe('CallTracker when a phone’s connection drops mid-call (issue 14: the call goes on)', () => {
  it('keeps the call while the phone reconnects, and gives it the new connection when the same phone registers', () => {
    const { calls, changes } = upCall(() => 0);
    calls.dropConnection(2, { user: '1001', contacts: ['phone-a'] });
    expect(calls.activeCallsOf('1001')).toBe(1);
    calls.rejoin('1001', 3, ['phone-a'], true);
    expect(calls.activeCallsOf('1001')).toBe(1);
    // The new connection is the call's now: when it drops without a registration, the call ends.
    calls.dropConnection(3, null);
    expect(calls.activeCallsOf('1001')).toBe(0);
    expect(changes).toEqual(['answered:1001,9001', 'ended:1001,9001']);
  });

  it('ends the call when another phone of the account signs in instead (the app restarted: its call is gone)', () => {
    const { calls } = upCall(() => 0);
    calls.dropConnection(2, { user: '1001', contacts: ['phone-a'] });
    calls.rejoin('1001', 4, ['phone-b'], false); // another phone of the account refreshing its registration
    expect(calls.activeCallsOf('1001')).toBe(1);
    calls.rejoin('1001', 3, ['phone-c'], true);
    expect(calls.activeCallsOf('1001')).toBe(0);
  });

  it('ends the call when the phone does not come back within the window', () => {
    let now = 0;
    const { calls } = upCall(() => now);
    calls.dropConnection(2, { user: '1001', contacts: ['phone-a'] });
    now = REJOIN_WINDOW_MS - 1;
    calls.sweep();
    expect(calls.activeCallsOf('1001')).toBe(1);
    now = REJOIN_WINDOW_MS + 1;
    calls.sweep();
    expect(calls.activeCallsOf('1001')).toBe(0);
  });

  it('ends the call at once when an unregistered party’s connection drops, and on BYE while a party is away', () => {
    const first = upCall(() => 0);
    first.calls.dropConnection(1, null);
    expect(first.calls.activeCallsOf('1001')).toBe(0);
    const second = upCall(() => 0);
    second.calls.dropConnection(2, { user: '1001', contacts: ['phone-a'] });
    second.calls.ended('c1');
    expect(second.calls.activeCallsOf('1001')).toBe(0);
    second.calls.rejoin('1001', 3, ['phone-a'], true);
    expect(second.calls.activeCallsOf('1001')).toBe(0);
  });
});

describe('CallTracker when a phone moves networks while its old connection is still open (issue 14)', () => {
  it('moves the call to the new connection: the stale one closing later does not end it, the new one closing does', () => {
    const { calls, changes } = upCall(() => 0);
    calls.handOver('1001', 2, 3);
    calls.dropConnection(2, null);
    expect(calls.activeCallsOf('1001')).toBe(1);
    calls.dropConnection(3, null);
    expect(calls.activeCallsOf('1001')).toBe(0);
    expect(changes).toEqual(['answered:1001,9001', 'ended:1001,9001']);
  });
});
