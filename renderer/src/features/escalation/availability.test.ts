import { describe, expect, it } from 'vitest';
import type { QueueBoardEntry } from '../../../../shared/presence/queue-board';
import type { Colleague } from '../../state/team-store';
import { escalationAvailability, queueNameOf } from './availability';

const entry = (name: string, available: number): QueueBoardEntry => ({
  name,
  waiting: 0,
  longestWaitSeconds: 0,
  members: { available, onCall: 1, wrapUp: 0, break: 0, offline: 0 },
  serviceLevel: { targetSeconds: 20, answered: 0, withinTarget: 0 },
});
const colleague = (user: string, kind: Colleague['kind'], queues: string[]): Colleague => ({
  user,
  kind,
  since: undefined,
  reason: '',
  queues,
});
const addresses = { seniorQueue: 'sip:senior@pbx.example', technicalQueue: 'technical' };

describe('who can take an escalation', () => {
  it('counts the free members of each target queue from the board, by the queue address’s user part', () => {
    const a = escalationAvailability(
      { board: { v: 1, queues: [entry('senior', 0), entry('technical', 2)] }, colleagues: [] },
      addresses,
    );
    expect(a.queues).toEqual({ senior: 0, technical: 2 });
  });

  it('says nothing of queues without a board (presence only) or missing from it', () => {
    expect(escalationAvailability({ board: null, colleagues: [] }, addresses).queues).toEqual({
      senior: undefined,
      technical: undefined,
    });
    expect(
      escalationAvailability({ board: { v: 1, queues: [entry('technical', 1)] }, colleagues: [] }, addresses).queues.senior,
    ).toBeUndefined();
  });

  it('lists only available colleagues, in the team order, at most eight', () => {
    const colleagues = [
      colleague('s1', 'on-call', ['senior']),
      colleague('s2', 'available', ['senior']),
      colleague('t1', 'break', ['technical']),
      ...Array.from({ length: 10 }, (_, i) => colleague(`a${i}`, 'available', ['support'])),
      colleague('x', 'unknown', []),
    ];
    const free = escalationAvailability({ board: undefined, colleagues }, addresses).free.map((c) => c.user);
    expect(free).toEqual(['s2', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  });

  it('reads queue names from addresses with or without scheme and domain', () => {
    expect(queueNameOf('senior')).toBe('senior');
    expect(queueNameOf('sips:technical@pbx')).toBe('technical');
    expect(queueNameOf('SIP:senior')).toBe('senior');
  });
});
