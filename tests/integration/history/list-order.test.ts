import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../../shared/history';
import { callRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

/** Every page of a listing, two at a time, following the cursors. */
async function allPages(filter: object): Promise<string[]> {
  const ids: string[] = [];
  let before: string | null | undefined;
  do {
    const page: HistoryPage = await host.ok<HistoryPage>('listHistory', {
      ...filter,
      limit: 2,
      ...(before ? { before } : {}),
    });
    ids.push(...page.items.map((i) => i.callId));
    before = page.nextCursor;
  } while (before);
  return ids;
}

describe('the history order', () => {
  it('is by end time whatever order calls were recorded in, for the list and for a search, page after page', async () => {
    // Recorded late, out of order, and three ending in the same millisecond.
    const ends = [T - 10 * MINUTE, T - 50 * MINUTE, T - 30 * MINUTE, T - 30 * MINUTE, T - 30 * MINUTE, T - 40 * MINUTE];
    const calls = ends.map((endedAt) => callRecord({ endedAt }));
    for (const c of calls) await host.ok('recordCall', c);
    for (const c of calls) {
      await host.ok('finishWrapUp', { callId: c.callId, disposition: 'refund', notes: 'refund promised', finishedAt: T });
    }
    const [a, b, c1, c2, c3, d] = calls.map((c) => c.callId);
    // Same millisecond: the one recorded last first, as the cursor keeps them.
    const expected = [a, c3, c2, c1, d, b];
    expect(await allPages({})).toEqual(expected);
    expect(await allPages({ query: 'refund' })).toEqual(expected);
    expect(await allPages({ query: 'refund', from: T - 45 * MINUTE, to: T - 20 * MINUTE })).toEqual([c3, c2, c1, d]);
    expect(await allPages({ disposition: 'refund', from: T - 45 * MINUTE, to: T - 20 * MINUTE })).toEqual([c3, c2, c1, d]);
  });

  it('moves a call recorded again with another end time, and keeps its place when the end is the same', async () => {
    const first = callRecord({ endedAt: T - 20 * MINUTE, remoteName: 'Moving Caller' });
    const second = callRecord({ endedAt: T - 10 * MINUTE });
    await host.ok('recordCall', first);
    await host.ok('recordCall', second);
    await host.ok('recordCall', second);
    expect(await allPages({})).toEqual([second.callId, first.callId]);
    await host.ok('recordCall', { ...first, endedAt: T - 5 * MINUTE });
    expect(await allPages({})).toEqual([first.callId, second.callId]);
    expect(await allPages({ query: 'moving' })).toEqual([first.callId]);
    expect(host.count('calls')).toBe(2);
  });
});
