import { describe, expect, it } from 'vitest';
import { parseQueueBoard, serviceLevelPercent } from './queue-board';

const entry = {
  name: 'senior',
  waiting: 1,
  longestWaitSeconds: 12,
  members: { available: 1, onCall: 0, wrapUp: 0, break: 1, offline: 0 },
  serviceLevel: { targetSeconds: 20, answered: 8, withinTarget: 6 },
};

describe('the queue board (x-warmline-queues)', () => {
  it('reads the documented shape and computes the service level', () => {
    const board = parseQueueBoard(JSON.stringify({ v: 1, queues: [entry] }));
    expect(board?.queues[0]).toEqual(entry);
    expect(serviceLevelPercent(board!.queues[0]!)).toBe(75);
    expect(serviceLevelPercent({ ...entry, serviceLevel: { targetSeconds: 20, answered: 0, withinTarget: 0 } })).toBeUndefined();
  });

  it('refuses what is not a board: bad JSON, other versions, negative counts, markup in names, oversize', () => {
    expect(parseQueueBoard('{')).toBeUndefined();
    expect(parseQueueBoard(JSON.stringify({ v: 2, queues: [] }))).toBeUndefined();
    expect(parseQueueBoard(JSON.stringify({ v: 1, queues: [{ ...entry, waiting: -1 }] }))).toBeUndefined();
    expect(parseQueueBoard(JSON.stringify({ v: 1, queues: [{ ...entry, name: '<img src=x>' }] }))).toBeUndefined();
    expect(parseQueueBoard(' '.repeat(70_000))).toBeUndefined();
  });
});
