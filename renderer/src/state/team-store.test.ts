import { describe, expect, it } from 'vitest';
import type { QueueBoard } from '../../../shared/presence/queue-board';
import type { OwnPresence, PresenceEvent } from '../phone/presence';
import { TeamStore, type TeamSource } from './team-store';

function fakeSource() {
  let listener: (e: PresenceEvent) => void = () => {};
  const published: OwnPresence[] = [];
  const watched: string[][] = [];
  const source: TeamSource = {
    onPresence: (l) => ((listener = l), () => {}),
    publishPresence: (own) => void published.push(own),
    watchTeam: (users) => void watched.push([...users]),
  };
  return { source, published, watched, send: (e: PresenceEvent) => listener(e) };
}

const entry = (name: string, people: string[]) => ({
  name,
  waiting: 0,
  longestWaitSeconds: 0,
  members: { available: 0, onCall: 0, wrapUp: 0, break: 0, offline: 0 },
  serviceLevel: { targetSeconds: 20, answered: 0, withinTarget: 0 },
  people,
});
const board: QueueBoard = {
  v: 1,
  queues: [entry('support', ['1001', '1002', '1003']), entry('senior', ['2001', '2002']), entry('technical', ['3001'])],
};

describe('the team store', () => {
  it('learns the team from the board (the agent aside), watches it, and lists escalation targets first', () => {
    const frames: (() => void)[] = [];
    const f = fakeSource();
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => 1_000,
      (flush) => void frames.push(flush),
    );
    f.send({ type: 'queue-board', board });
    frames.shift()!();
    expect(f.watched.at(-1)?.sort()).toEqual(['1002', '1003', '2001', '2002', '3001']);
    expect(store.getSnapshot().colleagues.map((c) => c.user)).toEqual(['2001', '2002', '3001', '1002', '1003']);
    expect(store.getSnapshot().board).toEqual(board);
  });

  it('applies a burst of NOTIFYs once per frame: one render for 300 changes', () => {
    const frames: (() => void)[] = [];
    const f = fakeSource();
    const people = Array.from({ length: 300 }, (_, i) => `${5000 + i}`);
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => 1_000,
      (flush) => void frames.push(flush),
    );
    f.send({ type: 'queue-board', board: { v: 1, queues: [entry('support', people)] } });
    frames.shift()!();
    let renders = 0;
    store.subscribe(() => renders++);
    for (const user of people)
      f.send({ type: 'colleague', user, presence: { entity: `sip:${user}@x`, kind: 'on-call', since: 500, reason: '' } });
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(renders).toBe(1);
    expect(store.getSnapshot().colleagues.every((c) => c.kind === 'on-call' && c.since === 500)).toBe(true);
  });

  it('keeps each unchanged colleague the same object across board updates, so only changed rows re-render', () => {
    const frames: (() => void)[] = [];
    const f = fakeSource();
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => 1_000,
      (flush) => void frames.push(flush),
    );
    f.send({ type: 'queue-board', board });
    frames.shift()!();
    const before = new Map(store.getSnapshot().colleagues.map((c) => [c.user, c]));
    // Every change of a member's state changes the board's counts too: the board and the presence arrive together.
    f.send({ type: 'colleague', user: '2001', presence: { entity: 'sip:2001@x', kind: 'break', since: 900, reason: 'lunch' } });
    f.send({ type: 'queue-board', board: { ...board, queues: board.queues.map((q) => ({ ...q, waiting: 1 })) } });
    frames.shift()!();
    const after = store.getSnapshot().colleagues;
    expect(after.filter((c) => c !== before.get(c.user)).map((c) => c.user)).toEqual(['2001']);
  });

  it('publishes the agent state colleagues see, only when it changes', () => {
    const f = fakeSource();
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => 42,
      (flush) => flush(),
    );
    store.agentChanged({ kind: 'available' });
    store.agentChanged({ kind: 'ringing', callId: 'c' });
    store.agentChanged({ kind: 'on-call', callId: 'c', next: { kind: 'available' } });
    store.agentChanged({ kind: 'break', reason: 'lunch' });
    expect(f.published).toEqual([
      { kind: 'available', since: 42, reason: '' },
      { kind: 'on-call', since: 42, reason: '' },
      { kind: 'break', since: 42, reason: 'lunch' },
    ]);
  });

  it("publishes the call's facts as they change, keeping the time in state; a colleague's call is kept until they leave it", () => {
    const f = fakeSource();
    let now = 100;
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => now,
      (flush) => flush(),
    );
    const onCall = { kind: 'on-call', callId: 'c', next: { kind: 'available' } } as const;
    store.agentChanged(onCall, { since: 100, queue: 'support' });
    now = 200;
    store.agentChanged(onCall, { since: 100, queue: 'support' });
    store.agentChanged(onCall, { since: 100, queue: 'support', holdSince: 200 });
    now = 300;
    store.agentChanged({ kind: 'wrap-up', callId: 'c', startedAt: 300, next: { kind: 'available' } }, { since: 100 });
    expect(f.published).toEqual([
      { kind: 'on-call', since: 100, reason: '', call: { since: 100, queue: 'support' } },
      { kind: 'on-call', since: 100, reason: '', call: { since: 100, queue: 'support', holdSince: 200 } },
      { kind: 'wrap-up', since: 300, reason: '' },
    ]);

    store.setTeamList(['2001']);
    const call = { since: 50, holdSince: 60 };
    f.send({ type: 'colleague', user: '2001', presence: { entity: 'sip:2001@x', kind: 'on-call', since: 50, reason: '', call } });
    expect(store.getSnapshot().colleagues[0]).toMatchObject({ user: '2001', kind: 'on-call', call });
    f.send({ type: 'colleague', user: '2001', presence: { entity: 'sip:2001@x', kind: 'wrap-up', since: 70, reason: '' } });
    expect(store.getSnapshot().colleagues[0]?.call).toBeUndefined();
  });

  it('says when the server has no queue board (presence only)', () => {
    const f = fakeSource();
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => 0,
      (flush) => flush(),
    );
    f.send({ type: 'queue-board', board: undefined });
    expect(store.getSnapshot().board).toBeNull();
  });

  it('watches the team-list setting’s colleagues without a board, and keeps them beside the board’s', () => {
    const f = fakeSource();
    const store = new TeamStore(
      f.source,
      () => '1001',
      () => 0,
      (flush) => flush(),
    );
    store.setTeamList(['2001', '1001', '4001']);
    expect(f.watched.at(-1)?.sort()).toEqual(['2001', '4001']);
    expect(store.getSnapshot().colleagues.map((c) => [c.user, c.kind])).toEqual([
      ['2001', 'unknown'],
      ['4001', 'unknown'],
    ]);
    f.send({ type: 'colleague', user: '4001', presence: { entity: 'sip:4001@x', kind: 'break', reason: 'lunch' } });
    f.send({ type: 'queue-board', board });
    expect(f.watched.at(-1)?.sort()).toEqual(['1002', '1003', '2001', '2002', '3001', '4001']);
    expect(store.getSnapshot().colleagues.find((c) => c.user === '4001')).toMatchObject({ kind: 'break', queues: [] });
    expect(store.getSnapshot().colleagues.find((c) => c.user === '2001')?.queues).toEqual(['senior']);
  });
});
