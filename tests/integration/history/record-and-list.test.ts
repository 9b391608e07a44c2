import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryItem, HistoryPage } from '../../../shared/history';
import { callRecord, escalationRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

describe('a call is recorded when it ends', () => {
  it('stores the normalised number, the customer, and talk/hold/consult derived from the timeline', async () => {
    const record = callRecord({
      holds: [{ start: T - 4 * MINUTE, end: T - 3 * MINUTE }],
      consults: [
        {
          target: { kind: 'queue', queue: 'senior' },
          dialedAt: T - 4 * MINUTE + 5_000,
          answeredAt: T - 4 * MINUTE + 15_000,
          endedAt: T - 3 * MINUTE,
          outcome: 'cancelled',
        },
      ],
      meanMos: 4.1,
    });
    const item = await host.ok<HistoryItem>('recordCall', record);
    expect(item).toMatchObject({
      callId: record.callId,
      remoteNumber: '+31205550123',
      remoteName: 'Dana Customer',
      talkMs: 4 * MINUTE,
      holdMs: MINUTE,
      consultMs: 55_000,
      meanMos: 4.1,
    });
    expect(item.acwMs).toBeUndefined();
    expect(item.disposition).toBeUndefined();
    expect(host.count('call_holds')).toBe(1);
    expect(host.count('consults')).toBe(1);
    expect(host.count('customers')).toBe(1);
  });

  it('is idempotent: recorded again it replaces the facts and keeps the wrap-up', async () => {
    const record = callRecord({ holds: [{ start: T - 2 * MINUTE, end: T - MINUTE }] });
    await host.ok('recordCall', record);
    await host.ok('saveWrapUpDraft', { callId: record.callId, deadline: T + 30_000 });
    await host.ok('finishWrapUp', { callId: record.callId, disposition: 'resolved', notes: 'All good', finishedAt: T + 20_000 });
    const again = await host.ok<HistoryItem>('recordCall', { ...record, holds: [], meanMos: 3.9 });
    expect(again).toMatchObject({ holdMs: 0, disposition: 'resolved', notes: 'All good', acwMs: 20_000, meanMos: 3.9 });
    expect(host.count('calls')).toBe(1);
    expect(host.count('call_holds')).toBe(0);
  });

  it('keeps a failed transfer and the completed one as the transfer chain', async () => {
    const record = callRecord({
      endReason: 'transfer-completed',
      transfers: [
        {
          mode: 'blind',
          target: { kind: 'external', number: '+15550100' },
          requestedAt: T - MINUTE,
          outcome: 'failed',
          sipStatus: 603,
        },
        {
          mode: 'attended',
          target: { kind: 'agent', agentId: '1002', displayName: 'Sam' },
          requestedAt: T,
          outcome: 'completed',
        },
      ],
    });
    await host.ok('recordCall', record);
    expect(host.count('transfers')).toBe(2);
  });
});

describe('a supervised call keeps who supervised it (issue 16)', () => {
  it('records each mode from–to with the call, lists them with it, and replaces them when recorded again', async () => {
    const record = callRecord({
      supervisions: [
        { supervisor: '3001', mode: 'listen', start: T - 3 * MINUTE, end: T - 2 * MINUTE },
        { supervisor: '3001', mode: 'coach', start: T - 2 * MINUTE, end: T - MINUTE },
      ],
    });
    const item = await host.ok<HistoryItem>('recordCall', record);
    expect(item.supervisions).toEqual(record.supervisions);
    const page = await host.ok<HistoryPage>('listHistory', {});
    expect(page.items[0]?.supervisions).toEqual(record.supervisions);
    const again = await host.ok<HistoryItem>('recordCall', { ...record, supervisions: [] });
    expect(again.supervisions).toBeUndefined();
    expect(host.count('call_supervisions')).toBe(0);
  });

  it('refuses a supervision that ends before it starts or names no supervisor', async () => {
    const bad = (s: object) => host.call('recordCall', callRecord({ supervisions: [s as never] }));
    expect(await bad({ supervisor: '3001', mode: 'listen', start: T, end: T - 1 })).toMatchObject({ ok: false });
    expect(await bad({ supervisor: '', mode: 'listen', start: T - 1, end: T })).toMatchObject({ ok: false });
    expect(await bad({ supervisor: '3001', mode: 'spy', start: T - 1, end: T })).toMatchObject({ ok: false });
  });
});

describe('escalations are recorded and linked to their call', () => {
  it('marks the call escalated, with its latest escalation', async () => {
    const record = callRecord();
    await host.ok('recordCall', record);
    const failed = escalationRecord(record.callId, {
      target: { kind: 'queue', queue: 'technical' },
      reason: 'lacks-expertise',
      escalatedAt: T - 4 * MINUTE,
      outcome: { kind: 'failed', reason: 'no-agents', sipStatus: 480 },
    });
    const completed = escalationRecord(record.callId);
    await host.ok('recordEscalation', completed);
    await host.ok('recordEscalation', failed);
    await host.ok('recordEscalation', failed);
    const page = await host.ok<HistoryPage>('listHistory', { escalated: true });
    expect(page.items.map((i) => [i.callId, i.escalationId])).toEqual([[record.callId, completed.id]]);
    expect(host.count('escalations')).toBe(2);
  });

  it('refuses an escalation for a call not recorded yet, writing nothing', async () => {
    const result = await host.call('recordEscalation', escalationRecord('call-never-recorded'));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(host.count('escalations')).toBe(0);
  });

  it('records a received escalation with whether its context was verified', async () => {
    const record = callRecord();
    await host.ok('recordCall', record);
    await host.ok('recordEscalation', escalationRecord(record.callId, { direction: 'received', verified: 'unverified' }));
    expect(host.count('escalations')).toBe(1);
  });
});

describe('the history list', () => {
  async function seed() {
    const calls = [
      callRecord({ endedAt: T - 50 * MINUTE, direction: 'outbound' }),
      callRecord({ endedAt: T - 40 * MINUTE }),
      callRecord({ endedAt: T - 30 * MINUTE }),
      callRecord({ endedAt: T - 30 * MINUTE }),
      callRecord({ endedAt: T - 10 * MINUTE, answeredAt: undefined, endReason: 'missed' }),
    ];
    for (const c of calls) await host.ok('recordCall', c);
    await host.ok('finishWrapUp', { callId: calls[1]!.callId, disposition: 'refund', notes: '', finishedAt: T });
    await host.ok('recordEscalation', escalationRecord(calls[2]!.callId));
    return calls.map((c) => c.callId);
  }

  it('pages newest first with a cursor, ties broken by call id, no call twice', async () => {
    const ids = await seed();
    const first = await host.ok<HistoryPage>('listHistory', { limit: 2 });
    const second = await host.ok<HistoryPage>('listHistory', { limit: 2, before: first.nextCursor });
    const third = await host.ok<HistoryPage>('listHistory', { limit: 2, before: second.nextCursor });
    const seen = [...first.items, ...second.items, ...third.items].map((i) => i.callId);
    expect(seen).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by date, direction, disposition and escalation', async () => {
    const ids = await seed();
    const list = async (filter: object) => (await host.ok<HistoryPage>('listHistory', filter)).items.map((i) => i.callId);
    expect(await list({ from: T - 40 * MINUTE, to: T - 10 * MINUTE })).toEqual([ids[3], ids[2], ids[1]]);
    expect(await list({ direction: 'outbound' })).toEqual([ids[0]]);
    expect(await list({ disposition: 'refund' })).toEqual([ids[1]]);
    expect(await list({ escalated: true })).toEqual([ids[2]]);
    expect(await list({ escalated: false, direction: 'inbound' })).toEqual([ids[4], ids[3], ids[1]]);
  });

  it('answers a cursor it did not hand out with a validation error', async () => {
    expect(await host.call('listHistory', { before: 'not-a-cursor' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
