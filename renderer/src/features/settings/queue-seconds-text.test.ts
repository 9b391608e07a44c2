import { describe, expect, it } from 'vitest';
import { settingsPatchSchema } from '../../../../shared/settings';
import { formatQueueSecondsText, parseQueueSecondsText } from './queue-seconds-text';

describe('per-queue after-call time as text', () => {
  it('reads one "queue = seconds" a line, ignoring blank lines and spaces', () => {
    expect(parseQueueSecondsText(' support = 45\n\nbilling=0 \n')).toEqual([
      { queue: 'support', seconds: 45 },
      { queue: 'billing', seconds: 0 },
    ]);
  });

  it('a line without a number is kept as an entry the schema refuses, never dropped', () => {
    for (const text of ['support', 'support = soon', 'support = -5', '= 30']) {
      const queueWrapUps = parseQueueSecondsText(text);
      expect(queueWrapUps).toHaveLength(1);
      expect(settingsPatchSchema.safeParse({ queueWrapUps }).success).toBe(false);
    }
  });

  it('refuses the same queue twice and more than 600 seconds', () => {
    expect(settingsPatchSchema.safeParse({ queueWrapUps: parseQueueSecondsText('a = 1\nA = 2') }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ queueWrapUps: parseQueueSecondsText('a = 601') }).success).toBe(false);
  });

  it('round-trips what it formats', () => {
    const list = [
      { queue: 'support', seconds: 45 },
      { queue: 'senior', seconds: 120 },
    ];
    expect(parseQueueSecondsText(formatQueueSecondsText(list))).toEqual(list);
  });
});
