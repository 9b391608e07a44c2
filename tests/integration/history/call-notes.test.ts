import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InterruptedCallNotes } from '../../../shared/history';
import { callRecord, historyHost, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

const notesOf = (callId: string, notes: string) => ({
  callId,
  notes,
  remoteName: 'Ana Reyes',
  remoteNumber: '+31201234567',
  startedAt: T,
});

describe('notes typed during a call', () => {
  it('survive a restart of the host until the agent dismisses them', async () => {
    await host.ok('saveCallNotes', notesOf('call-1', 'Wants a refund <b>now</b> — æøå 🙂\r\nsecond line'));
    host.setClock(T + 5_000);
    await host.ok('saveCallNotes', notesOf('call-1', 'Wants a refund <b>now</b> — æøå 🙂\r\nsecond line, more'));
    host.restart();
    expect(await host.ok<InterruptedCallNotes[]>('listInterruptedCallNotes')).toEqual([
      { ...notesOf('call-1', 'Wants a refund <b>now</b> — æøå 🙂\nsecond line, more'), updatedAt: T + 5_000 },
    ]);
    await host.ok('dismissCallNotes', { callId: 'call-1' });
    expect(await host.ok('listInterruptedCallNotes')).toEqual([]);
  });

  it('are taken over by the call’s wrap-up draft, and cleared when emptied', async () => {
    const record = callRecord();
    await host.ok('saveCallNotes', notesOf(record.callId, 'typed during the call'));
    await host.ok('saveCallNotes', notesOf('call-2', 'another call'));
    await host.ok('saveCallNotes', notesOf('call-2', ''));
    await host.ok('recordCall', record);
    await host.ok('saveWrapUpDraft', { callId: record.callId, notes: 'typed during the call', deadline: null });
    expect(host.count('call_notes')).toBe(0);
  });

  it('refuses what is not text, too long, or not an id, and writes nothing', async () => {
    for (const bad of [
      notesOf('call 1', 'x'),
      notesOf('call-1', 'x'.repeat(4001)),
      notesOf('call-1', 'bell \u0007'),
      { ...notesOf('call-1', 'x'), extra: true },
      { ...notesOf('call-1', 'x'), remoteName: 'x'.repeat(129) },
    ]) {
      const result = await host.call('saveCallNotes', bad);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid-input');
    }
    expect(host.count('call_notes')).toBe(0);
  });
});
