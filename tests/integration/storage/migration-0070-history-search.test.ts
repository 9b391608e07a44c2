import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, insertCall } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const matches = (q: string) =>
  (
    file.db
      .prepare('SELECT c.id FROM calls_fts JOIN calls c ON c.seq = calls_fts.rowid WHERE calls_fts MATCH ? ORDER BY c.id')
      .all(q) as {
      id: string;
    }[]
  ).map((r) => r.id);

describe('migration 0070 (history search)', () => {
  it('FTS5 is compiled into the bundled SQLite', () => {
    file = fileAt(0);
    const options = (file.db.prepare('SELECT compile_options AS o FROM pragma_compile_options').all() as { o: string }[]).map(
      (r) => r.o,
    );
    expect(options).toContain('ENABLE_FTS5');
  });

  it('indexes the calls a version-60 file already has', () => {
    file = fileAt(60);
    insertCall(file.db, 'old', { remote_name: 'Renée Dupont', notes: 'wants a refund' });
    file.migrateTo(70);
    expect(file.version()).toBe(70);
    expect(matches('"renee"*')).toEqual(['old']);
    expect(matches('"refund"*')).toEqual(['old']);
    expect(matches('"5550"*')).toEqual(['old']);
  });

  it('follows every insert, update and delete of a call', () => {
    file = fileAt(70);
    insertCall(file.db, 'a', { remote_number: '+442079460123', remote_name: 'Jo' });
    expect(matches('"79460"*')).toEqual(['a']);
    file.db.prepare("UPDATE calls SET notes = 'parcel lost', remote_number = '+15550100' WHERE id = 'a'").run();
    expect(matches('"parcel"*')).toEqual(['a']);
    expect(matches('"79460"*')).toEqual([]);
    expect(matches('"0100"*')).toEqual(['a']);
    file.db.prepare("DELETE FROM calls WHERE id = 'a'").run();
    expect(matches('"parcel"*')).toEqual([]);
  });

  it('stores no second copy of the text (contentless), and survives VACUUM with explicit rowids', () => {
    file = fileAt(70);
    for (let i = 0; i < 20; i++) insertCall(file.db, `c${i}`, { notes: i === 7 ? 'needle' : 'hay' });
    file.db.prepare("DELETE FROM calls WHERE id IN ('c1', 'c2', 'c3')").run();
    file.db.exec('VACUUM');
    expect(matches('"needle"*')).toEqual(['c7']);
    const content = file.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'calls_fts_content'").get();
    expect(content).toEqual({ n: 0 });
  });
});
