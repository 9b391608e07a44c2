import { describe, expect, it } from 'vitest';
import type { PresenceCall } from '../presence/agent-call';
import type { QueueBoard } from '../presence/queue-board';
import { escalationsWaiting, type WaitingInput } from './waiting';

const T = 1_800_000_000_000;
const escalating = (user: string, to: string, severity: 1 | 2 | 3 | 4, holdSince: number, state = 'ringing' as const) => ({
  user,
  kind: 'on-call',
  call: {
    since: T - 100_000,
    holdSince,
    escalation: { reason: 'solution-not-accepted', severity, to, state, since: holdSince },
  } satisfies PresenceCall,
});
const entry = (name: string, consults: NonNullable<QueueBoard['queues'][number]['consults']>) => ({
  name,
  waiting: consults.length,
  longestWaitSeconds: 0,
  members: { available: 0, onCall: 0, wrapUp: 0, break: 0, offline: 0 },
  serviceLevel: { targetSeconds: 20, answered: 0, withinTarget: 0 },
  consults,
});
const input = (over: Partial<WaitingInput>): WaitingInput => ({
  colleagues: [],
  board: null,
  self: '2002',
  myQueues: [],
  supervisor: false,
  ...over,
});

describe('escalations waiting for me', () => {
  const colleagues = [
    escalating('1001', 'senior', 3, T - 10_000),
    escalating('1002', 'technical', 1, T - 5_000),
    escalating('1003', 'senior', 1, T - 20_000),
    { user: '1004', kind: 'on-call', call: { since: T - 1_000 } },
    { user: '1005', kind: 'wrap-up' },
  ];

  it('a senior sees those to their queues and to themselves, most severe first, then the longest hold (presence only)', () => {
    const list = escalationsWaiting(
      input({ colleagues: [...colleagues, escalating('1006', '2002', 4, T)], myQueues: ['senior'] }),
    );
    expect(list.map((e) => [e.from, e.to, e.severity])).toEqual([
      ['1003', 'senior', 1],
      ['1001', 'senior', 3],
      ['1006', '2002', 4],
    ]);
    expect(list[0]).toMatchObject({ reason: 'solution-not-accepted', state: 'ringing', holdSince: T - 20_000 });
  });

  it('a supervisor sees every escalation in flight in the team', () => {
    const list = escalationsWaiting(input({ colleagues, supervisor: true }));
    expect(list.map((e) => e.from)).toEqual(['1003', '1002', '1001']);
  });

  it('the queue board adds whom it rings and the queue to pick it up in; one the board lists before presence still shows', () => {
    const board: QueueBoard = {
      v: 1,
      queues: [
        entry('senior', [
          { from: '1001', waitedSeconds: 2, ringing: '2001' },
          { from: '1007', waitedSeconds: 0 },
        ]),
      ],
    };
    const list = escalationsWaiting(input({ colleagues, board, myQueues: ['senior'] }));
    expect(list.find((e) => e.from === '1001')).toMatchObject({ queue: 'senior', ringingAt: '2001', severity: 3 });
    expect(list.find((e) => e.from === '1007')).toEqual({ from: '1007', to: 'senior', state: 'ringing', queue: 'senior' });
    // Not a member of the technical queue: 1002's consult there is not this senior's.
    expect(list.some((e) => e.from === '1002')).toBe(false);
  });

  it("never lists the user's own escalation", () => {
    const board: QueueBoard = { v: 1, queues: [entry('senior', [{ from: '2002', waitedSeconds: 1 }])] };
    expect(escalationsWaiting(input({ colleagues: [escalating('2002', 'senior', 1, T)], board, supervisor: true }))).toEqual([]);
  });
});
