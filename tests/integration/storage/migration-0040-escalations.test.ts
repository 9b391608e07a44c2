import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const insert = (db: Database.Database, overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO escalations (id, call_id, direction, verified, target_kind, target_value, target_name, reason, kind, severity,
         mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason, recorded_at)
       VALUES (@id, @call_id, @direction, @verified, 'queue', 'senior', '', @reason, @kind, 2, 'angry', 's', '', '', @t, 0, 0,
         @outcome, @failure_reason, @t)`,
    )
    .run({
      id: 'a'.repeat(32),
      call_id: 'c',
      direction: 'sent',
      verified: null,
      reason: 'wants-higher-authority',
      kind: 'hierarchical',
      outcome: 'completed',
      failure_reason: null,
      t: T,
      ...overrides,
    });

describe('migration 0040 (escalations)', () => {
  it('adds a strict escalations table and the calls.escalation_id link to a version-30 file, keeping its calls', () => {
    file = fileAt(30);
    insertCall(file.db, 'c');
    file.migrateTo(40);
    expect(file.version()).toBe(40);
    expect(isStrict(file.db, 'escalations')).toBe(true);
    expect(file.db.prepare('SELECT id, escalation_id FROM calls').get()).toEqual({ id: 'c', escalation_id: null });
  });

  it('keeps kind and reason in agreement, verified for received only, failure reasons for failures only', () => {
    file = fileAt(40);
    insertCall(file.db, 'c');
    expect(() => insert(file.db, { call_id: 'ghost' })).toThrow(/FOREIGN KEY/);
    expect(() => insert(file.db, { kind: 'functional' })).toThrow(/CHECK/);
    expect(() => insert(file.db, { reason: 'lacks-expertise' })).toThrow(/CHECK/);
    expect(() => insert(file.db, { direction: 'received' })).toThrow(/CHECK/);
    expect(() => insert(file.db, { verified: 'verified' })).toThrow(/CHECK/);
    expect(() => insert(file.db, { outcome: 'failed' })).toThrow(/CHECK/);
    expect(() => insert(file.db, { id: 'A'.repeat(32) })).toThrow(/CHECK/);
    insert(file.db, { reason: 'lacks-expertise', kind: 'functional', outcome: 'failed', failure_reason: 'no-answer' });
    file.db.prepare('UPDATE calls SET escalation_id = ?').run('a'.repeat(32));
    expect(() => file.db.prepare("UPDATE calls SET escalation_id = 'b'").run()).toThrow(/FOREIGN KEY/);
  });
});
