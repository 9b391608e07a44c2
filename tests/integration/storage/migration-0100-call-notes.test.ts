import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

describe('migration 0100 (call notes)', () => {
  it('adds a strict call_notes table to a version-90 file', () => {
    file = fileAt(90);
    file.migrateTo(100);
    expect(file.version()).toBe(100);
    expect(isStrict(file.db, 'call_notes')).toBe(true);
  });

  it('holds notes of live calls only: not empty, not over 4000 characters', () => {
    file = fileAt(100);
    const insert = file.db.prepare(
      'INSERT INTO call_notes (call_id, notes, remote_name, remote_number, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run('call-1', 'typed', 'Ana', '+31', T, T);
    expect(() => insert.run('call-2', '', 'Ana', '+31', T, T)).toThrow(/CHECK/);
    expect(() => insert.run('call-3', 'x'.repeat(4001), 'Ana', '+31', T, T)).toThrow(/CHECK/);
    expect(() => insert.run('call-1', 'again', 'Ana', '+31', T, T)).toThrow(/UNIQUE|PRIMARY/);
  });
});
