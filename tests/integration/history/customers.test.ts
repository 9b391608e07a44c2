import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerNote, CustomerView } from '../../../shared/history';
import { callRecord, escalationRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

const KEY = 'tel:+31205550123';

describe('the screen pop', () => {
  it('a first-time caller has an empty one', async () => {
    expect(await host.ok('getCustomer', 'tel:+15550000')).toEqual({
      key: 'tel:+15550000',
      lastCalls: [],
      notes: [],
      openFollowUps: [],
    });
  });

  it('shows the name, the last five calls with dispositions and notes, notes and open follow-ups', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const record = callRecord({ endedAt: T - (7 - i) * 60 * MINUTE, remoteName: i === 6 ? 'Dana C.' : 'Dana Customer' });
      ids.push(record.callId);
      await host.ok('recordCall', record);
      await host.ok('finishWrapUp', {
        callId: record.callId,
        disposition: `d${i}`,
        notes: `call ${i}`,
        finishedAt: record.endedAt,
      });
    }
    await host.ok('recordEscalation', escalationRecord(ids[6]!));
    await host.ok('recordCall', callRecord({ remoteNumber: 'sip:+15550000@pbx', remoteName: 'Someone else' }));
    const note = await host.ok<CustomerNote>('addCustomerNote', {
      customerKey: KEY,
      callId: 'live-call',
      text: '  Prefers email  ',
    });
    expect(note).toMatchObject({ customerKey: KEY, callId: 'live-call', text: 'Prefers email', createdAt: T });
    const owed = await host.ok<CustomerNote>('addCustomerNote', {
      customerKey: KEY,
      text: 'Send the contract',
      followUp: { at: T + 60 * MINUTE, number: '+31 6 1234 5678' },
    });

    const pop = await host.ok<CustomerView>('getCustomer', KEY);
    expect(pop.name).toBe('Dana C.');
    expect(pop.lastCalls.map((c) => [c.callId, c.disposition, c.notes, c.escalated])).toEqual([
      [ids[6], 'd6', 'call 6', true],
      [ids[5], 'd5', 'call 5', false],
      [ids[4], 'd4', 'call 4', false],
      [ids[3], 'd3', 'call 3', false],
      [ids[2], 'd2', 'call 2', false],
    ]);
    expect(pop.notes.map((n) => n.text).sort()).toEqual(['Prefers email', 'Send the contract']);
    expect(pop.openFollowUps.map((n) => n.id)).toEqual([owed.id]);

    await host.ok('closeFollowUp', { noteId: owed.id, closedAt: T + 61 * MINUTE });
    const after = await host.ok<CustomerView>('getCustomer', KEY);
    expect(after.openFollowUps).toEqual([]);
    expect(after.notes.find((n) => n.id === owed.id)?.followUp).toEqual({
      at: T + 60 * MINUTE,
      number: '+31 6 1234 5678',
      closedAt: T + 61 * MINUTE,
    });
  });

  it('keys notes by account reference too, naming the customer', async () => {
    await host.ok('addCustomerNote', { customerKey: 'ref:ACME-42', text: 'Key account', name: 'ACME Ltd' });
    expect(await host.ok<CustomerView>('getCustomer', 'ref:ACME-42')).toMatchObject({
      name: 'ACME Ltd',
      notes: [{ text: 'Key account' }],
    });
  });

  it('closing a note that owes nothing is not-found', async () => {
    const note = await host.ok<CustomerNote>('addCustomerNote', { customerKey: KEY, text: 'Just a note' });
    expect(await host.call('closeFollowUp', { noteId: note.id, closedAt: T })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await host.call('closeFollowUp', { noteId: 999, closedAt: T })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
