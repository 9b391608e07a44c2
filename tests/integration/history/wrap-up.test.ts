import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerView, HistoryItem, OpenWrapUp } from '../../../shared/history';
import { callRecord, escalationRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

describe('after-call work that is never lost', () => {
  it('a restart mid-ACW brings back every saved character and the deadline', async () => {
    const record = callRecord();
    await host.ok('recordCall', record);
    await host.ok('recordEscalation', escalationRecord(record.callId));
    const deadline = T + 30_000;
    let notes = '';
    for (const ch of 'Refund — agreed 😀\r\nCall back Friday') {
      notes += ch;
      await host.ok('saveWrapUpDraft', { callId: record.callId, disposition: 'refund', notes, deadline });
    }
    host.setClock(T + 12_000);
    await host.ok('saveWrapUpDraft', {
      callId: record.callId,
      disposition: 'refund',
      notes,
      followUp: { at: T + 3 * 24 * 60 * MINUTE, number: '+31 6 1234 5678' },
      next: { kind: 'break', reason: 'lunch', note: 'canteen' },
      deadline: deadline + 30_000,
    });

    host.restart();

    const open = await host.ok<OpenWrapUp>('getOpenWrapUp');
    expect(open).toEqual({
      draft: {
        callId: record.callId,
        disposition: 'refund',
        notes: 'Refund — agreed 😀\nCall back Friday',
        followUp: { at: T + 3 * 24 * 60 * MINUTE, number: '+31 6 1234 5678' },
        next: { kind: 'break', reason: 'lunch', note: 'canteen' },
        deadline: deadline + 30_000,
      },
      call: {
        callId: record.callId,
        direction: 'inbound',
        remoteNumber: '+31205550123',
        remoteName: 'Dana Customer',
        queue: 'support',
        endedAt: T,
        escalationId: expect.any(String),
      },
      updatedAt: T + 12_000,
    });
    expect(host.count('wrap_up_drafts')).toBe(1);
  });

  it('an ACW "until ready" has no deadline, and there is nothing open before any call', async () => {
    expect(await host.ok('getOpenWrapUp')).toBeNull();
    const record = callRecord();
    await host.ok('recordCall', record);
    await host.ok('saveWrapUpDraft', { callId: record.callId, deadline: null });
    expect((await host.ok<OpenWrapUp>('getOpenWrapUp')).draft).toMatchObject({ deadline: null, notes: '', disposition: '' });
  });

  it('finishing writes disposition, notes and ACW time on the call, drops the draft, and records the follow-up', async () => {
    const record = callRecord();
    await host.ok('recordCall', record);
    await host.ok('saveWrapUpDraft', { callId: record.callId, notes: 'draft', deadline: T + 30_000 });
    const finish = {
      callId: record.callId,
      disposition: 'callback',
      notes: 'Needs the new contract',
      followUp: { at: T + 60 * MINUTE },
      finishedAt: T + 25_000,
    };
    const item = await host.ok<HistoryItem>('finishWrapUp', finish);
    expect(item).toMatchObject({
      disposition: 'callback',
      notes: 'Needs the new contract',
      acwMs: 25_000,
      wrappedUpAt: T + 25_000,
    });
    expect(await host.ok('getOpenWrapUp')).toBeNull();
    await host.ok('finishWrapUp', finish);
    const pop = await host.ok<CustomerView>('getCustomer', 'tel:+31205550123');
    expect(pop.openFollowUps).toEqual([
      expect.objectContaining({ callId: record.callId, text: 'Needs the new contract', followUp: { at: T + 60 * MINUTE } }),
    ]);
  });

  it('a follow-up for a withheld number needs a number to call back', async () => {
    const record = callRecord({ remoteNumber: 'sip:anonymous@anonymous.invalid' });
    await host.ok('recordCall', record);
    const base = { callId: record.callId, disposition: 'callback', notes: '', finishedAt: T + 1_000 };
    expect(await host.call('finishWrapUp', { ...base, followUp: { at: T + MINUTE } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(host.count('customer_notes')).toBe(0);
    await host.ok('finishWrapUp', { ...base, followUp: { at: T + MINUTE, number: '+44 20 7946 0000' } });
    expect((await host.ok<CustomerView>('getCustomer', 'tel:+442079460000')).openFollowUps).toHaveLength(1);
  });

  it('drafts and finishes for a call never recorded are refused with nothing written', async () => {
    expect(await host.call('saveWrapUpDraft', { callId: 'ghost', deadline: null })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await host.call('finishWrapUp', { callId: 'ghost', disposition: '', notes: '', finishedAt: T })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(host.count('wrap_up_drafts')).toBe(0);
  });

  it('a draft save is cheap: 500 saves of a growing note well under 5 ms each', async () => {
    const record = callRecord();
    await host.ok('recordCall', record);
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      await host.ok('saveWrapUpDraft', { callId: record.callId, notes: 'n'.repeat(i * 8), deadline: T + 30_000 });
    }
    expect((performance.now() - started) / 500).toBeLessThan(5);
  });
});
