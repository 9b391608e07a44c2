import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const seqs = () =>
  Object.fromEntries(
    (file.db.prepare('SELECT id, CAST(seq AS TEXT) AS seq FROM calls').all() as { id: string; seq: string }[]).map((r) => [
      r.id,
      BigInt(r.seq),
    ]),
  );
/** Full-text matches in the index's own rowid order, newest first: what a search page reads. */
const matchesNewestFirst = (q: string) =>
  (
    file.db
      .prepare(
        'SELECT c.id FROM calls_fts CROSS JOIN calls c ON c.seq = calls_fts.rowid WHERE calls_fts MATCH ? ORDER BY calls_fts.rowid DESC',
      )
      .all(q) as { id: string }[]
  ).map((r) => r.id);

describe('migration 0090 (history list order)', () => {
  it('renumbers the calls of a version-80 file by end time, same-millisecond calls in the order they were recorded', () => {
    file = fileAt(80);
    // Recorded out of end order, two ending in the same millisecond.
    insertCall(file.db, 'late', { ended_at: T, notes: 'refund' });
    insertCall(file.db, 'early', { ended_at: T - 60_000, notes: 'refund' });
    insertCall(file.db, 'same-1', { ended_at: T - 30_000, notes: 'refund' });
    insertCall(file.db, 'same-2', { ended_at: T - 30_000, notes: 'refund' });
    file.migrateTo(90);
    expect(file.version()).toBe(90);
    const base = (at: number) => BigInt(at) * 1024n;
    expect(seqs()).toEqual({
      late: base(T),
      early: base(T - 60_000),
      'same-1': base(T - 30_000),
      'same-2': base(T - 30_000) + 1n,
    });
    expect(matchesNewestFirst('"refund"*')).toEqual(['late', 'same-2', 'same-1', 'early']);
    expect(file.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps the search index on the call when its seq moves, and keeps following updates and deletes', () => {
    file = fileAt(90);
    insertCall(file.db, 'a', { ended_at: T, notes: 'parcel' });
    file.db.prepare("UPDATE calls SET seq = ? WHERE id = 'a'").run(BigInt(T + 5_000) * 1024n);
    expect(matchesNewestFirst('"parcel"*')).toEqual(['a']);
    file.db.prepare("UPDATE calls SET notes = 'voucher' WHERE id = 'a'").run();
    expect(matchesNewestFirst('"parcel"*')).toEqual([]);
    expect(matchesNewestFirst('"voucher"*')).toEqual(['a']);
    file.db.prepare("DELETE FROM calls WHERE id = 'a'").run();
    expect(matchesNewestFirst('"voucher"*')).toEqual([]);
  });

  it('indexes without the call id: the rowid (seq) settles ties', () => {
    file = fileAt(90);
    const columns = (index: string) =>
      (file.db.prepare('SELECT name FROM pragma_index_info(?)').all(index) as { name: string }[]).map((r) => r.name);
    expect(columns('calls_by_end')).toEqual(['ended_at']);
    expect(columns('calls_by_direction')).toEqual(['direction', 'ended_at']);
    expect(columns('calls_by_disposition')).toEqual(['disposition', 'ended_at']);
    expect(columns('calls_escalated')).toEqual(['ended_at']);
  });
});
