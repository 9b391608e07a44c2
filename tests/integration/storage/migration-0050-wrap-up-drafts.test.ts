import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const insert = `INSERT INTO wrap_up_drafts (call_id, disposition, notes, follow_up_at, follow_up_number, next_state, break_reason,
  deadline, updated_at) VALUES (?, '', 'notes', ?, ?, ?, ?, ?, ?)`;

describe('migration 0050 (wrap-up drafts)', () => {
  it('adds a strict wrap_up_drafts table to a version-40 file, keeping its calls', () => {
    file = fileAt(40);
    insertCall(file.db, 'c');
    file.migrateTo(50);
    expect(file.version()).toBe(50);
    expect(isStrict(file.db, 'wrap_up_drafts')).toBe(true);
    expect(file.db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
  });

  it('one draft a recorded call; a break needs its reason; a callback number needs a time', () => {
    file = fileAt(50);
    insertCall(file.db, 'c');
    const run = (...args: unknown[]) => file.db.prepare(insert).run(...args);
    expect(() => run('ghost', null, null, 'available', null, null, T)).toThrow(/FOREIGN KEY/);
    expect(() => run('c', null, null, 'break', null, null, T)).toThrow(/CHECK/);
    expect(() => run('c', null, '+1555', 'available', null, null, T)).toThrow(/CHECK/);
    expect(() => run('c', null, null, 'available', null, 'soon', T)).toThrow(/cannot store/i);
    run('c', null, null, 'break', 'lunch', T + 30_000, T);
    expect(() => run('c', null, null, 'available', null, null, T)).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
