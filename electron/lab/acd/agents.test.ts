import { describe, expect, it } from 'vitest';
import { parseLabConfig } from '../config';
import { AgentBoard } from './agents';

describe('the queue wrap-up hold (issue 13)', () => {
  it('a member whose call just ended is not offered the next one until the hold is over or they say they are paused', () => {
    let now = 1_000_000;
    let calls = 1;
    const config = parseLabConfig({
      accounts: [{ user: '1001', password: 'secret-1001' }],
      queues: [{ name: 'support', members: ['1001'], wrapUpSeconds: 2 }],
    });
    const board = new AgentBoard(config, { isRegistered: () => true, activeCalls: () => calls, now: () => now });
    expect(board.state('1001', 'support')).toBe('busy');
    calls = 0;
    board.callEnded('1001');
    // The BYE is through, the phone's pause MESSAGE not yet: no offer in between (settling is not available),
    // and not 'busy' either: the call is over.
    expect(board.state('1001', 'support')).toBe('settling');
    board.pause('1001', 'support');
    expect(board.state('1001', 'support')).toBe('paused');
    board.unpause('1001', 'support');
    now += 2_000;
    expect(board.state('1001', 'support')).toBe('available');
  });

  it('a phone that registers anew is held too, so it can say it is paused before an offer (a restarted lab forgot)', () => {
    let now = 1_000_000;
    const config = parseLabConfig({
      accounts: [{ user: '1001', password: 'secret-1001' }],
      queues: [{ name: 'support', members: ['1001'], wrapUpSeconds: 2 }],
    });
    const board = new AgentBoard(config, { isRegistered: () => true, activeCalls: () => 0, now: () => now });
    board.registrationChanged('1001', true);
    // Free and not on a call, only not offered yet: settling, not busy (the queue board showed "1 on a call").
    expect(board.state('1001', 'support')).toBe('settling');
    now += 2_000;
    expect(board.state('1001', 'support')).toBe('available');
    // A refresh of the same registration is no new sign-in: no hold.
    board.registrationChanged('1001', true);
    expect(board.state('1001', 'support')).toBe('available');
  });

  it('tells when a member held only by the hold is free, and nothing for one paused or on a call', () => {
    let now = 1_000_000;
    let calls = 0;
    const config = parseLabConfig({
      accounts: [{ user: '1001', password: 'secret-1001' }],
      queues: [{ name: 'support', members: ['1001'], wrapUpSeconds: 2 }],
    });
    const board = new AgentBoard(config, { isRegistered: () => true, activeCalls: () => calls, now: () => now });
    board.registrationChanged('1001', true);
    expect(board.settlesAt('1001', 'support')).toBe(1_002_000);
    board.pause('1001', 'support');
    expect(board.settlesAt('1001', 'support')).toBeNull();
    board.unpause('1001', 'support');
    calls = 1;
    expect(board.settlesAt('1001', 'support')).toBeNull();
    calls = 0;
    now += 2_000;
    expect(board.settlesAt('1001', 'support')).toBeNull();
    expect(board.state('1001', 'support')).toBe('available');
  });

  it('without a wrap-up hold (the default) the member is available at once', () => {
    const config = parseLabConfig({
      accounts: [{ user: '1001', password: 'secret-1001' }],
      queues: [{ name: 'support', members: ['1001'] }],
    });
    const board = new AgentBoard(config, { isRegistered: () => true, activeCalls: () => 0 });
    board.callEnded('1001');
    expect(board.state('1001', 'support')).toBe('available');
  });
});
