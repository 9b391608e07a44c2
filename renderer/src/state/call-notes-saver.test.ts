import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NOTES_LIMITS, callNotesSchema, type CallNotesInput } from '../../../shared/history/call-notes';
import type { CallId } from '../phone';
import { CALL_NOTES_SAVE_MS, saveCallNotesAsTyped } from './call-notes-saver';
import { fakeEngine } from './fake-engine.test-support';
import { PhoneStore } from './phone-store';

const A = 'call-a' as CallId;

function onACall() {
  const { engine, emit } = fakeEngine();
  const store = new PhoneStore(engine, () => 1_000);
  emit({
    type: 'incoming',
    waiting: false,
    call: { callId: A, direction: 'inbound', remote: { name: 'Ana Reyes', number: '+31201234567', uri: 'sip:x@lab' } },
  });
  emit({ type: 'answered', callId: A });
  const saved: CallNotesInput[] = [];
  saveCallNotesAsTyped(store, {
    saveCallNotes: async (notes: CallNotesInput) => {
      saved.push(notes);
      return { ok: true as const, value: null };
    },
  });
  return { store, saved, emit };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('call notes saved as the agent types', () => {
  it('every change is written within the save bound, even without a pause, with who the call is with', async () => {
    const { store, saved } = onACall();
    let notes = '';
    for (let t = 0; t < 1_500; t += 40) {
      notes += 'x';
      store.setCallNotes(A, notes);
      await vi.advanceTimersByTimeAsync(40);
      const due = Math.floor((t + 40 - CALL_NOTES_SAVE_MS - 40) / 40) + 1;
      expect((saved.at(-1)?.notes ?? '').length).toBeGreaterThanOrEqual(Math.max(0, due));
    }
    expect(saved.length).toBeLessThan(notes.length);
    expect(saved.at(-1)).toMatchObject({ callId: A, remoteName: 'Ana Reyes', remoteNumber: '+31201234567', startedAt: 1_000 });
  });

  it('writes an emptied box as empty (the host drops the row), and nothing for a call that has gone', async () => {
    const { store, saved, emit } = onACall();
    store.setCallNotes(A, 'draft');
    await vi.advanceTimersByTimeAsync(CALL_NOTES_SAVE_MS);
    store.setCallNotes(A, '');
    await vi.advanceTimersByTimeAsync(CALL_NOTES_SAVE_MS);
    expect(saved.map((s) => s.notes)).toEqual(['draft', '']);
    emit({ type: 'ended', callId: A, cause: 'hangup', by: 'remote' });
    store.setCallNotes(A, 'too late');
    await vi.advanceTimersByTimeAsync(CALL_NOTES_SAVE_MS);
    expect(saved.map((s) => s.notes)).toEqual(['draft', '']);
  });

  it('notes cut at the limit keep an emoji whole, so the host does not refuse them as broken text (issue 17, finding 9)', async () => {
    const { store, saved } = onACall();
    // 😀 straddles the limit: a cut by UTF-16 units left half of it, and every save failed with `encoding`.
    store.setCallNotes(A, `${'a'.repeat(CALL_NOTES_LIMITS.notes - 1)}😀 and more`);
    await vi.advanceTimersByTimeAsync(CALL_NOTES_SAVE_MS);
    const last = saved.at(-1);
    expect(last?.notes).toBe('a'.repeat(CALL_NOTES_LIMITS.notes - 1));
    expect(callNotesSchema.safeParse(last).success).toBe(true);
  });
});
