import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

describe('migration 0130 (call supervisions)', () => {
  it('adds a strict call_supervisions table to a version-120 file, keeping its calls', () => {
    file = fileAt(120);
    insertCall(file.db, 'call-1');
    file.migrateTo(130);
    expect(file.version()).toBe(130);
    expect(isStrict(file.db, 'call_supervisions')).toBe(true);
    expect(file.db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
  });

  it('holds who supervised a recorded call, in which mode, from when to when, and goes with the call', () => {
    file = fileAt(130);
    insertCall(file.db, 'call-1');
    const insert = file.db.prepare(
      'INSERT INTO call_supervisions (call_id, ordinal, supervisor, mode, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run('call-1', 0, '3001', 'listen', T - 40_000, T - 20_000);
    insert.run('call-1', 1, '3001', 'coach', T - 20_000, T);
    expect(() => insert.run('call-1', 2, '3001', 'spy', T, T)).toThrow(/CHECK/);
    expect(() => insert.run('call-1', 3, '', 'listen', T, T)).toThrow(/CHECK/);
    expect(() => insert.run('call-1', 4, '3001', 'listen', T, T - 1)).toThrow(/CHECK/);
    expect(() => insert.run('no-such-call', 0, '3001', 'listen', T, T)).toThrow(/FOREIGN KEY/);
    file.db.prepare('DELETE FROM calls WHERE id = ?').run('call-1');
    expect(file.db.prepare('SELECT count(*) AS n FROM call_supervisions').get()).toEqual({ n: 0 });
  });
});
