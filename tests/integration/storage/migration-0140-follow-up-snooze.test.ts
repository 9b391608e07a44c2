import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCustomer, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const NOTE = 'INSERT INTO customer_notes (customer_key, text, created_at, follow_up_at) VALUES (?, ?, ?, ?)';

describe('migration 0140 (follow-up snooze)', () => {
  it('keeps the notes of a version-130 file and adds an empty snooze to each', () => {
    file = fileAt(130);
    insertCustomer(file.db);
    file.db.prepare(NOTE).run('tel:+31205550123', 'call back', T, T + 60_000);
    file.migrateTo(140);
    expect(file.version()).toBe(140);
    expect(file.db.prepare('SELECT text, follow_up_at, follow_up_snoozed_until FROM customer_notes').all()).toEqual([
      { text: 'call back', follow_up_at: T + 60_000, follow_up_snoozed_until: null },
    ]);
  });

  it('only a follow-up can be snoozed', () => {
    file = fileAt(140);
    insertCustomer(file.db);
    file.db.prepare(NOTE).run('tel:+31205550123', 'just a note', T, null);
    expect(() => file.db.prepare('UPDATE customer_notes SET follow_up_snoozed_until = ?').run(T)).toThrow(/CHECK/);
  });
});
