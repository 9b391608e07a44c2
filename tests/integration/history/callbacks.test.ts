import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Callback } from '../../../shared/history';
import { callRecord, historyHost, MINUTE, T, type HistoryHost } from './history-host';

let host: HistoryHost;
beforeEach(() => (host = historyHost()));
afterEach(() => host.close());

/** A call from `number` wrapped up with `notes` and a callback at `at`. */
async function promised(number: string, name: string, notes: string, at: number, callbackNumber?: string) {
  const record = callRecord({ remoteNumber: number, remoteName: name });
  await host.ok('recordCall', record);
  await host.ok('finishWrapUp', {
    callId: record.callId,
    disposition: 'callback',
    notes,
    followUp: { at, ...(callbackNumber ? { number: callbackNumber } : {}) },
    finishedAt: record.endedAt,
  });
}

describe('callbacks due (the agent’s home)', () => {
  it('lists every open callback promised in wrap-up, whoever the customer, by due time, with name, number and notes', async () => {
    await promised('+31205550123', 'Dana Customer', 'Refund to be checked with billing', T + 90 * MINUTE);
    await promised('+31205550199', 'Erik', 'Send the contract', T + 30 * MINUTE, '+31 6 1234 5678');
    const list = await host.ok<Callback[]>('listCallbacks');
    expect(list.map((c) => [c.name, c.number, c.at, c.notes])).toEqual([
      ['Erik', '+31 6 1234 5678', T + 30 * MINUTE, 'Send the contract'],
      ['Dana Customer', '+31205550123', T + 90 * MINUTE, 'Refund to be checked with billing'],
    ]);
  });

  it('a snooze moves the callback behind others, survives a restart, and Done (closeFollowUp) removes it', async () => {
    await promised('+31205550123', 'Dana', 'first', T + 10 * MINUTE);
    await promised('+31205550199', 'Erik', 'second', T + 20 * MINUTE);
    const [first] = await host.ok<Callback[]>('listCallbacks');
    await host.ok('snoozeFollowUp', { noteId: first!.noteId, until: T + 40 * MINUTE });
    host.restart();
    const after = await host.ok<Callback[]>('listCallbacks');
    expect(after.map((c) => [c.notes, c.snoozedUntil])).toEqual([
      ['second', undefined],
      ['first', T + 40 * MINUTE],
    ]);
    await host.ok('closeFollowUp', { noteId: first!.noteId, closedAt: T + 41 * MINUTE });
    expect((await host.ok<Callback[]>('listCallbacks')).map((c) => c.notes)).toEqual(['second']);
  });

  it('snoozing a closed or unknown follow-up is not-found, and a bad time is refused', async () => {
    await promised('+31205550123', 'Dana', 'done already', T + 10 * MINUTE);
    const [cb] = await host.ok<Callback[]>('listCallbacks');
    await host.ok('closeFollowUp', { noteId: cb!.noteId, closedAt: T });
    expect(await host.call('snoozeFollowUp', { noteId: cb!.noteId, until: T + MINUTE })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await host.call('snoozeFollowUp', { noteId: 999, until: T })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await host.call('snoozeFollowUp', { noteId: 1, until: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
