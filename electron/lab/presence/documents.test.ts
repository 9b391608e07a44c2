import { describe, expect, it } from 'vitest';
import { countMembers } from './documents';

describe('the queue board counts members by state', () => {
  it('a member in the wrap-up hold (just signed in, a call just ended) is not counted on a call', () => {
    // Signed in a moment ago, says available: free on the board, although the ACD offers nothing for ~2 s.
    expect(countMembers([{ board: 'settling', presence: undefined }])).toEqual({
      available: 1,
      onCall: 0,
      wrapUp: 0,
      break: 0,
      offline: 0,
    });
    expect(countMembers([{ board: 'settling', presence: 'available' }]).available).toBe(1);
    // A call just ended and the phone says wrap-up (its pause MESSAGE not in yet): wrap-up, as when paused.
    expect(countMembers([{ board: 'settling', presence: 'wrap-up' }]).wrapUp).toBe(1);
    expect(countMembers([{ board: 'settling', presence: 'break' }]).break).toBe(1);
  });

  it('members on a call or ringing are on a call, paused ones in wrap-up or break by their presence', () => {
    expect(
      countMembers([
        { board: 'busy', presence: undefined },
        { board: 'ringing', presence: 'available' },
        { board: 'paused', presence: 'wrap-up' },
        { board: 'paused', presence: undefined },
        { board: 'available', presence: undefined },
        { board: 'offline', presence: undefined },
        { board: 'logged-out', presence: 'available' },
      ]),
    ).toEqual({ available: 1, onCall: 2, wrapUp: 1, break: 1, offline: 2 });
  });
});
