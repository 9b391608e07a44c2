import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

/** An escalation as version 40–100 wrote it. */
const insertOld = (db: Database.Database, id: string, outcome: string, failureReason: string | null, sipStatus: number | null) =>
  db
    .prepare(
      `INSERT INTO escalations (id, call_id, direction, target_kind, target_value, target_name, reason, kind, severity,
         mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason, sip_status, recorded_at)
       VALUES (?, 'c', 'sent', 'queue', 'senior', '', 'wants-higher-authority', 'hierarchical', 2, 'angry', 's', '', '', ?,
         0, 0, ?, ?, ?, ?)`,
    )
    .run(id, T, outcome, failureReason, sipStatus, T);

const insertNew = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO escalations (id, call_id, direction, target_kind, target_value, target_name, reason, kind, severity,
         mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason, decline_reason,
         sip_status, recorded_at)
       VALUES (@id, 'c', 'sent', 'queue', 'senior', '', 'wants-higher-authority', 'hierarchical', 2, 'angry', 's', '', '',
         0, 0, 0, @outcome, @failure_reason, @decline_reason, @sip_status, 0)`,
    )
    .run({ id: 'f'.repeat(32), failure_reason: null, decline_reason: null, sip_status: null, ...values });

describe('migration 0110 (escalation outcomes)', () => {
  it("renames a version-100 file's outcomes in the call center's words, keeping every row and every call's link", () => {
    file = fileAt(100);
    insertCall(file.db, 'c');
    insertOld(file.db, 'a'.repeat(32), 'completed', null, null);
    insertOld(file.db, 'b'.repeat(32), 'conference', null, null);
    insertOld(file.db, 'c'.repeat(32), 'failed', 'declined', 603);
    insertOld(file.db, 'd'.repeat(32), 'failed', 'busy', 486);
    insertOld(file.db, 'e'.repeat(32), 'cancelled', null, null);
    file.db.prepare("UPDATE calls SET escalation_id = ? WHERE id = 'c'").run('c'.repeat(32));
    file.migrateTo(110);
    expect(file.version()).toBe(110);
    expect(isStrict(file.db, 'escalations')).toBe(true);
    expect(
      file.db.prepare('SELECT id, outcome, failure_reason, decline_reason, sip_status FROM escalations ORDER BY id').all(),
    ).toEqual([
      { id: 'a'.repeat(32), outcome: 'transferred', failure_reason: null, decline_reason: null, sip_status: null },
      { id: 'b'.repeat(32), outcome: 'three-way', failure_reason: null, decline_reason: null, sip_status: null },
      { id: 'c'.repeat(32), outcome: 'declined', failure_reason: null, decline_reason: null, sip_status: 603 },
      { id: 'd'.repeat(32), outcome: 'failed', failure_reason: 'busy', decline_reason: null, sip_status: 486 },
      { id: 'e'.repeat(32), outcome: 'cancelled', failure_reason: null, decline_reason: null, sip_status: null },
    ]);
    expect(file.db.prepare('SELECT escalation_id FROM calls').get()).toEqual({ escalation_id: 'c'.repeat(32) });
    expect(file.db.pragma('foreign_key_check')).toEqual([]);
    // The link still holds: an escalation a call points at cannot be deleted.
    expect(() => file.db.prepare('DELETE FROM escalations WHERE id = ?').run('c'.repeat(32))).toThrow(/FOREIGN KEY/);
  });

  it('allows a decline reason for a decline only, a failure reason for a failure only, a SIP status for either', () => {
    file = fileAt(110);
    insertCall(file.db, 'c');
    const db = file.db;
    insertNew(db, { id: '1'.repeat(32), outcome: 'declined', decline_reason: 'not-my-expertise', sip_status: 603 });
    insertNew(db, { id: '2'.repeat(32), outcome: 'declined' });
    insertNew(db, { id: '3'.repeat(32), outcome: 'failed', failure_reason: 'no-agents', sip_status: 480 });
    insertNew(db, { id: '4'.repeat(32), outcome: 'blind' });
    expect(() => insertNew(db, { id: '5'.repeat(32), outcome: 'failed' })).toThrow(/CHECK/);
    expect(() => insertNew(db, { id: '6'.repeat(32), outcome: 'failed', failure_reason: 'declined' })).toThrow(/CHECK/);
    expect(() => insertNew(db, { id: '7'.repeat(32), outcome: 'transferred', decline_reason: 'not-my-expertise' })).toThrow(
      /CHECK/,
    );
    expect(() => insertNew(db, { id: '8'.repeat(32), outcome: 'blind', sip_status: 486 })).toThrow(/CHECK/);
    expect(() => insertNew(db, { id: '9'.repeat(32), outcome: 'declined', decline_reason: 'go away' })).toThrow(/CHECK/);
    expect(() => insertNew(db, { id: 'a'.repeat(32), outcome: 'completed' })).toThrow(/CHECK/);
  });
});
