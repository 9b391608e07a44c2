import { afterEach, describe, expect, it } from 'vitest';
import { fileAt, T } from './history-schema';

let file: ReturnType<typeof fileAt>;
afterEach(() => file.close());

const put = (key: string, value: string) =>
  file.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(key, value, T);
const rows = () => file.db.prepare('SELECT key, value FROM settings ORDER BY key').all();

describe('migration 0080 (queue pause strategy)', () => {
  it('an agent who had queue-control messages on keeps them as the "message" strategy', () => {
    file = fileAt(70);
    put('queuePauseMessages', 'true');
    put('language', '"nl"');
    file.migrateTo(80);
    expect(file.version()).toBe(80);
    expect(rows()).toEqual([
      { key: 'language', value: '"nl"' },
      { key: 'queuePause', value: '"message"' },
    ]);
  });

  it('messages off (or a damaged value) becomes "reject", 486 only, as before', () => {
    for (const old of ['false', 'garbage']) {
      file = fileAt(70);
      put('queuePauseMessages', old);
      file.migrateTo(80);
      expect(rows()).toEqual([{ key: 'queuePause', value: '"reject"' }]);
      file.close();
    }
    file = fileAt(70);
  });

  it('without the old setting nothing is written: the default applies', () => {
    file = fileAt(70);
    file.migrateTo(80);
    expect(rows()).toEqual([]);
  });
});
