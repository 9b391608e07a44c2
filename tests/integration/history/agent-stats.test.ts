import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStats } from '../../../shared/history';
import { callRecord, escalationRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

describe("the agent's own figures", () => {
  it('are zero for an empty period', async () => {
    expect(await host.ok('agentStats', { from: T, to: T + MINUTE })).toEqual({
      from: T,
      to: T + MINUTE,
      handled: 0,
      avgHandleMs: 0,
      avgAcwMs: 0,
      escalationRate: 0,
      transferRate: 0,
    });
  });

  it('count answered calls in [from, to): handle = talk + hold + ACW, rates over handled calls', async () => {
    // A: 5 min connected, 1 min of it on hold, 30 s ACW, escalated (sent) and transferred.
    const a = callRecord({
      endedAt: T + 10 * MINUTE,
      holds: [{ start: T + 6 * MINUTE, end: T + 7 * MINUTE }],
      endReason: 'transfer-completed',
    });
    // B: 5 min connected, 90 s ACW.
    const b = callRecord({ endedAt: T + 20 * MINUTE });
    // C: 5 min connected, wrap-up still open (ACW counts 0 in handle time, left out of the ACW average); escalation received.
    const c = callRecord({ endedAt: T + 30 * MINUTE });
    // Not handled: missed; and outside the period.
    const missed = callRecord({ endedAt: T + 40 * MINUTE, answeredAt: undefined, endReason: 'missed' });
    const outside = callRecord({ endedAt: T + 60 * MINUTE });
    for (const r of [a, b, c, missed, outside]) await host.ok('recordCall', r);
    await host.ok('finishWrapUp', { callId: a.callId, disposition: 'x', notes: '', finishedAt: a.endedAt! + 30_000 });
    await host.ok('finishWrapUp', { callId: b.callId, disposition: 'x', notes: '', finishedAt: b.endedAt! + 90_000 });
    await host.ok('finishWrapUp', {
      callId: outside.callId,
      disposition: 'x',
      notes: '',
      finishedAt: outside.endedAt! + 999_000,
    });
    await host.ok('recordEscalation', escalationRecord(a.callId));
    await host.ok('recordEscalation', escalationRecord(c.callId, { direction: 'received', verified: 'verified' }));

    const stats = await host.ok<AgentStats>('agentStats', { from: T, to: T + 60 * MINUTE });
    expect(stats.handled).toBe(3);
    expect(stats.avgHandleMs).toBe(Math.round((5 * MINUTE + 30_000 + 5 * MINUTE + 90_000 + 5 * MINUTE) / 3));
    expect(stats.avgAcwMs).toBe(60_000);
    expect(stats.escalationRate).toBeCloseTo(1 / 3);
    expect(stats.transferRate).toBeCloseTo(1 / 3);
  });

  it('count outbound calls too, a call ending at `from` but not one ending at `to`, and a blind transfer as a transfer only', async () => {
    const atFrom = callRecord({ endedAt: T, direction: 'outbound' });
    const blind = callRecord({
      endedAt: T + 5 * MINUTE,
      endReason: 'transfer-completed',
      transfers: [
        { mode: 'blind', target: { kind: 'queue', queue: 'technical' }, requestedAt: T + 5 * MINUTE, outcome: 'completed' },
      ],
    });
    const atTo = callRecord({ endedAt: T + 10 * MINUTE });
    const rejected = callRecord({ endedAt: T + 6 * MINUTE, answeredAt: undefined, endReason: 'rejected', endStatus: 486 });
    for (const r of [atFrom, blind, atTo, rejected]) await host.ok('recordCall', r);
    await host.ok('finishWrapUp', { callId: rejected.callId, disposition: 'x', notes: '', finishedAt: T + 7 * MINUTE });
    const stats = await host.ok<AgentStats>('agentStats', { from: T, to: T + 10 * MINUTE });
    expect(stats).toMatchObject({ handled: 2, escalationRate: 0, transferRate: 0.5, avgAcwMs: 0 });
    expect(stats.avgHandleMs).toBe(5 * MINUTE);
  });

  it('refuses a period that ends before it starts', async () => {
    expect(await host.call('agentStats', { from: T, to: T })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
