import { describe, expect, it } from 'vitest';
import type { Callback } from '../../../shared/history';
import type { Result } from '../../../shared/result';
import { CallbacksStore, type CallbacksHost } from './callbacks-store';

/** A host at the process edge: the list in memory, closing and snoozing as the SQLite service does. */
function fakeHost(initial: Callback[]) {
  let list = [...initial];
  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
  const host: CallbacksHost = {
    listCallbacks: () => ok(list),
    closeFollowUp: ({ noteId }) => ((list = list.filter((c) => c.noteId !== noteId)), ok(null)),
    snoozeFollowUp: ({ noteId, until }) => (
      (list = list.map((c) => (c.noteId === noteId ? { ...c, snoozedUntil: until } : c))),
      ok(null)
    ),
  };
  return host;
}

const cb = (noteId: number, at: number): Callback => ({ noteId, customerKey: 'tel:9001', number: '9001', at, notes: 'refund' });

describe('the callbacks store', () => {
  it('reminds once when a callback comes due, again only when its snooze runs out; Done removes it', async () => {
    let now = 1_000;
    const reminded: number[] = [];
    const store = new CallbacksStore(
      fakeHost([cb(1, 5_000), cb(2, 60_000)]),
      (c) => void reminded.push(c.noteId),
      () => now,
    );
    await store.refresh();
    expect(store.getSnapshot().due).toEqual([]);
    now = 5_000;
    store.check();
    store.check();
    expect(reminded).toEqual([1]);
    expect(store.getSnapshot().due.map((c) => c.noteId)).toEqual([1]);

    await store.snooze(1);
    expect(store.getSnapshot().due).toEqual([]);
    now = 5_000 + 10 * 60_000;
    store.check();
    expect(reminded).toEqual([1, 2, 1]);
    expect(store.getSnapshot().due.map((c) => c.noteId)).toEqual([2, 1]);

    await store.done(1);
    expect(store.getSnapshot().callbacks.map((c) => c.noteId)).toEqual([2]);
    store.stop();
  });

  it('a shift of callbacks done one after another leaves nothing remembered', async () => {
    let now = 0;
    const host = fakeHost(Array.from({ length: 200 }, (_, i) => cb(i + 1, (i + 1) * 1_000)));
    const reminded: number[] = [];
    const store = new CallbacksStore(
      host,
      (c) => void reminded.push(c.noteId),
      () => now,
    );
    await store.refresh();
    for (let i = 1; i <= 200; i += 1) {
      now = i * 1_000;
      store.check();
      expect(store.remembered).toBe(1);
      await store.done(i);
    }
    expect(reminded).toHaveLength(200);
    expect(store.remembered).toBe(0);
    store.stop();
  });
});
