import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, isStrict, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const ID = '0123456789abcdef0123456789abcdef';
const INSERT =
  'INSERT INTO recordings (id, call_id, mime_type, file_name, started_at, ended_at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)';

describe('migration 0120 (recordings)', () => {
  it('adds a strict recordings table to a version-110 file', () => {
    file = fileAt(110);
    file.migrateTo(120);
    expect(file.version()).toBe(120);
    expect(isStrict(file.db, 'recordings')).toBe(true);
  });

  it('takes only host-made names: the id and the extension of its type', () => {
    file = fileAt(120);
    const insert = file.db.prepare(INSERT);
    insert.run(ID, 'call-1', 'audio/webm', `${ID}.webm`, T, null, 0);
    const other = 'fedcba9876543210fedcba9876543210';
    expect(() => insert.run(other, 'call-2', 'audio/webm', '../../etc/passwd', T, null, 0)).toThrow(/CHECK/);
    expect(() => insert.run(other, 'call-2', 'audio/webm', `${other}.ogg`, T, null, 0)).toThrow(/CHECK/);
    expect(() => insert.run('../x', 'call-2', 'audio/ogg', '../x.ogg', T, null, 0)).toThrow(/CHECK/);
    expect(() => insert.run(other, 'call-2', 'video/mp4', `${other}.ogg`, T, null, 0)).toThrow(/CHECK/);
    expect(() => insert.run(other, 'call-1', 'audio/ogg', `${other}.ogg`, T, null, 0)).toThrow(/UNIQUE/);
    expect(() => insert.run(other, 'call-2', 'audio/ogg', `${other}.ogg`, T, T - 1, 0)).toThrow(/CHECK/);
    expect(() => insert.run(other, 'call-2', 'audio/ogg', `${other}.ogg`, T, null, -1)).toThrow(/CHECK/);
    insert.run(other, 'call-2', 'audio/ogg', `${other}.ogg`, T, T, 10);
  });
});
