import { describe, expect, it, vi } from 'vitest';
import type { Callback } from '../../../shared/history';
import { callbackReminder } from './callback-reminder';

const callback: Callback = { noteId: 4, customerKey: 'number:+4712345678', at: 1_000, notes: 'Refund' };

describe('the reminder of a callback come due', () => {
  it('in the desktop app asks the host for the OS notification', () => {
    const remindOfCallback = vi.fn(async () => ({ ok: true as const, value: null }));
    callbackReminder({ remindOfCallback }, true)(callback);
    expect(remindOfCallback).toHaveBeenCalledWith(callback);
  });

  it('in a browser tab leaves the host alone (the page shows a Web Notification where allowed)', () => {
    const remindOfCallback = vi.fn(async () => ({ ok: true as const, value: null }));
    callbackReminder({ remindOfCallback }, false)(callback);
    expect(remindOfCallback).not.toHaveBeenCalled();
  });
});
