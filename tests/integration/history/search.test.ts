import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../../shared/history';
import { callRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

const search = async (query: string, filter: object = {}) =>
  (await host.ok<HistoryPage>('listHistory', { query, ...filter })).items.map((i) => i.remoteName);

describe('full-text search over the history (FTS5)', () => {
  beforeEach(async () => {
    const renee = callRecord({ remoteName: 'Renée Dupont', remoteNumber: 'sip:+33145550199@pbx', endedAt: T - 3 * MINUTE });
    const jo = callRecord({ remoteName: 'Jo Bloggs', remoteNumber: 'sip:+442079460123@pbx', endedAt: T - 2 * MINUTE });
    const ext = callRecord({
      remoteName: 'Front desk',
      remoteNumber: 'sip:1001@lab.local',
      endedAt: T - MINUTE,
      direction: 'outbound',
    });
    for (const c of [renee, jo, ext]) await host.ok('recordCall', c);
    await host.ok('finishWrapUp', {
      callId: jo.callId,
      disposition: 'billing',
      notes: 'Customer disputes the invoice;\nrefund approved by the senior',
      finishedAt: T,
    });
  });

  it('finds a word in the notes, by its start too', async () => {
    expect(await search('refund')).toEqual(['Jo Bloggs']);
    expect(await search('INVOI')).toEqual(['Jo Bloggs']);
    expect(await search('refund invoice')).toEqual(['Jo Bloggs']);
    expect(await search('refund dupont')).toEqual([]);
  });

  it('finds a name, accents or not', async () => {
    expect(await search('renee')).toEqual(['Renée Dupont']);
    expect(await search('Dupont')).toEqual(['Renée Dupont']);
  });

  it('finds any part of a number, typed with its punctuation or not', async () => {
    expect(await search('5550199')).toEqual(['Renée Dupont']);
    expect(await search('946 0123')).toEqual(['Jo Bloggs']);
    expect(await search('+44 20 7946')).toEqual(['Jo Bloggs']);
    expect(await search('1001')).toEqual(['Front desk']);
  });

  it('combines with the filters, and sees notes changed by a later wrap-up', async () => {
    expect(await search('front', { direction: 'inbound' })).toEqual([]);
    expect(await search('front', { direction: 'outbound' })).toEqual(['Front desk']);
    const page = await host.ok<HistoryPage>('listHistory', { query: 'desk' });
    await host.ok('finishWrapUp', { callId: page.items[0]!.callId, disposition: 'internal', notes: 'parcel', finishedAt: T });
    expect(await search('parcel')).toEqual(['Front desk']);
  });

  it('treats FTS5 syntax as plain words, never as an error', async () => {
    for (const q of ['"', 'NEAR(', 'refund OR', '*', 'name:x', ')(']) {
      expect((await host.call('listHistory', { query: q })).ok).toBe(true);
    }
  });

  it('finds every completion of a word, however many the index has', async () => {
    const words = Array.from({ length: 24 }, (_, i) => `voucher${String(i).padStart(2, '0')}`);
    for (const [i, word] of words.entries()) {
      const call = callRecord({ remoteName: `Caller ${i}`, endedAt: T + (i + 1) * MINUTE });
      await host.ok('recordCall', call);
      await host.ok('finishWrapUp', { callId: call.callId, disposition: 'x', notes: `gave ${word}`, finishedAt: T });
    }
    // Few completions: asked as exact words; many: as a prefix. Either way all of them, newest first.
    expect(await search('voucher0')).toEqual(Array.from({ length: 10 }, (_, i) => `Caller ${9 - i}`));
    expect(await search('vouch', { limit: 200 })).toEqual(Array.from({ length: 24 }, (_, i) => `Caller ${23 - i}`));
    expect(await search('voucher07 gave')).toEqual(['Caller 7']);
    // A word asked as several exact terms, next to another word.
    expect(await search('voucher1 gave')).toEqual(Array.from({ length: 10 }, (_, i) => `Caller ${19 - i}`));
    expect(await search('gave voucher2')).toEqual(['Caller 23', 'Caller 22', 'Caller 21', 'Caller 20']);
  });
});
