import { describe, expect, it } from 'vitest';
import { sortBoard, type BoardAgent } from './board';

const agent = (user: string, kind: BoardAgent['kind'], since?: number): BoardAgent => ({ user, kind, since });

describe("the supervisor's board order", () => {
  it('puts the longest call on top, then wrap-up, then the free and the away', () => {
    const sorted = sortBoard([
      agent('ana', 'available', 1_000),
      agent('bo', 'on-call', 5_000),
      agent('cy', 'offline'),
      agent('di', 'on-call', 2_000),
      agent('ed', 'wrap-up', 1_000),
      agent('fa', 'break', 500),
      agent('gu', 'on-call'),
    ]);
    expect(sorted.map((a) => a.user)).toEqual(['di', 'bo', 'gu', 'ed', 'ana', 'fa', 'cy']);
  });
});
