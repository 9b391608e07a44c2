import { describe, expect, it } from 'vitest';
import { callbackNumber, dueAt, dueCallbacks, type Callback } from './callbacks';

const cb = (noteId: number, at: number, snoozedUntil?: number): Callback => ({
  noteId,
  customerKey: 'tel:+3120',
  at,
  notes: '',
  ...(snoozedUntil === undefined ? {} : { snoozedUntil }),
});

describe('callbacks due', () => {
  it('is due at the promised time, or at the snooze when that is later', () => {
    expect(dueAt(cb(1, 1_000))).toBe(1_000);
    expect(dueAt(cb(1, 1_000, 5_000))).toBe(5_000);
    expect(dueAt(cb(1, 9_000, 5_000))).toBe(9_000);
  });

  it('lists only those due by now, earliest first; a snoozed one waits for its snooze', () => {
    const list = [cb(1, 3_000), cb(2, 1_000, 10_000), cb(3, 2_000), cb(4, 20_000)];
    expect(dueCallbacks(list, 5_000).map((c) => c.noteId)).toEqual([3, 1]);
    expect(dueCallbacks(list, 10_000).map((c) => c.noteId)).toEqual([3, 1, 2]);
  });

  it('calls the number given in wrap-up, else the customer’s own; a reference has none', () => {
    expect(callbackNumber('tel:+31201234567', '0612345678')).toBe('0612345678');
    expect(callbackNumber('tel:+31201234567', null)).toBe('+31201234567');
    expect(callbackNumber('ref:ACME-42', undefined)).toBeUndefined();
  });
});
