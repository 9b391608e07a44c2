import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCustomer, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

describe('migration 0060 (customer notes)', () => {
  it('adds a strict customer_notes table to a version-50 file, keeping its customers', () => {
    file = fileAt(50);
    insertCustomer(file.db);
    file.migrateTo(60);
    expect(file.version()).toBe(60);
    expect(isStrict(file.db, 'customer_notes')).toBe(true);
    expect(file.db.prepare('SELECT key FROM customers').get()).toEqual({ key: 'tel:+31205550123' });
  });

  it('a note belongs to a known customer; only a follow-up has a number or a closing time', () => {
    file = fileAt(60);
    insertCustomer(file.db);
    const insert = file.db.prepare(
      `INSERT INTO customer_notes (customer_key, call_id, text, created_at, follow_up_at, follow_up_number, follow_up_closed_at)
       VALUES (?, ?, 'text', ?, ?, ?, ?)`,
    );
    expect(() => insert.run('tel:+1555', null, T, null, null, null)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('tel:+31205550123', null, T, null, '+1555', null)).toThrow(/CHECK/);
    expect(() => insert.run('tel:+31205550123', null, T, null, null, T)).toThrow(/CHECK/);
    // A call still in progress is not recorded yet: its id is kept without a foreign key.
    insert.run('tel:+31205550123', 'live-call', T, T + 3_600_000, '+1555', null);
  });
});
