import type { Migration } from './index';

/**
 * The yes/no setting `queuePauseMessages` became the strategy `queuePause` (reject, message,
 * unregister, feature-code): an agent who had queue-control messages on keeps them, everyone
 * else keeps what they had, 486 only. Settings values are JSON text.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'queue-pause-strategy',
  up(db) {
    db.exec(`
      INSERT INTO settings (key, value, updated_at)
        SELECT 'queuePause', CASE value WHEN 'true' THEN '"message"' ELSE '"reject"' END, updated_at
        FROM settings WHERE key = 'queuePauseMessages'
        ON CONFLICT (key) DO NOTHING;
      DELETE FROM settings WHERE key = 'queuePauseMessages';
    `);
  },
};
