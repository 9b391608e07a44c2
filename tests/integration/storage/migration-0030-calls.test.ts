import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall, insertCustomer, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

describe('migration 0030 (calls)', () => {
  it('adds strict calls, holds, consults, transfers and customers to a version-20 file, keeping its rows', () => {
    file = fileAt(20);
    file.db.prepare("INSERT INTO window_state VALUES ('main', 0, 0, 800, 600, 0, 1)").run();
    file.migrateTo(30);
    expect(file.version()).toBe(30);
    for (const table of ['calls', 'call_holds', 'consults', 'transfers', 'customers'])
      expect(isStrict(file.db, table)).toBe(true);
    expect(file.db.prepare('SELECT count(*) AS n FROM window_state').get()).toEqual({ n: 1 });
  });

  it('refuses what no call can be: text for times, unknown directions and reasons, an unknown customer, a second id', () => {
    file = fileAt(30);
    expect(() => insertCall(file.db, 'a', { started_at: 'noon' })).toThrow(/cannot store/i);
    expect(() => insertCall(file.db, 'a', { direction: 'sideways' })).toThrow(/CHECK/);
    expect(() => insertCall(file.db, 'a', { end_reason: 'bored' })).toThrow(/CHECK/);
    expect(() => insertCall(file.db, 'a', { ended_at: T - 120_000 })).toThrow(/CHECK/);
    expect(() => insertCall(file.db, 'a', { customer_key: 'tel:+1555' })).toThrow(/FOREIGN KEY/);
    insertCustomer(file.db);
    insertCall(file.db, 'a', { customer_key: 'tel:+31205550123' });
    expect(() => insertCall(file.db, 'a')).toThrow(/UNIQUE/);
    expect(() => insertCustomer(file.db, 'Dana')).toThrow(/CHECK/);
  });

  it('ties holds, consults and transfers to a call, and a failed consult to its reason', () => {
    file = fileAt(30);
    insertCall(file.db, 'a');
    expect(() => file.db.prepare('INSERT INTO call_holds VALUES (?, 0, 1, 2)').run('ghost')).toThrow(/FOREIGN KEY/);
    file.db.prepare('INSERT INTO call_holds VALUES (?, 0, 1, 2)').run('a');
    const consult = file.db.prepare(
      `INSERT INTO consults (call_id, ordinal, target_kind, target_value, target_name, dialed_at, ended_at, outcome, failure_reason)
       VALUES ('a', ?, 'queue', 'senior', '', 1, 2, ?, ?)`,
    );
    expect(() => consult.run(0, 'failed', null)).toThrow(/CHECK/);
    expect(() => consult.run(0, 'cancelled', 'busy')).toThrow(/CHECK/);
    consult.run(0, 'failed', 'busy');
    expect(() =>
      file.db
        .prepare(
          `INSERT INTO transfers (call_id, ordinal, mode, target_kind, target_value, target_name, requested_at, outcome)
           VALUES ('a', 0, 'sideways', 'queue', 'senior', '', 1, 'completed')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
