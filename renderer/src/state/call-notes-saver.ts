import { CALL_NOTES_LIMITS } from '../../../shared/history/call-notes';
import type { HostApi } from '../host';
import type { PhoneStore } from './phone-store';

/** The longest a change to the call notes waits before it is written (the wrap-up form's bound too). */
export const CALL_NOTES_SAVE_MS = 120;

/**
 * Writes the notes of each live call to the host as the agent types (at most `CALL_NOTES_SAVE_MS`
 * after a change, never waiting for a pause), so a crash during the call loses nothing. Once the
 * call ends, its wrap-up draft takes the notes over and the host drops these.
 */
export function saveCallNotesAsTyped(store: PhoneStore, host: Pick<HostApi, 'saveCallNotes'>): () => void {
  const saved = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const write = (callId: string) => {
    timers.delete(callId);
    const { calls, callNotes } = store.getSnapshot();
    const entry = calls.find((c) => c.info.callId === callId);
    const notes = callNotes?.[callId] ?? '';
    if (!entry || saved.get(callId) === notes) return;
    saved.set(callId, notes);
    void host.saveCallNotes({
      callId,
      notes,
      remoteName: (entry.info.remote.name ?? '').slice(0, CALL_NOTES_LIMITS.remoteName),
      remoteNumber: entry.info.remote.number.slice(0, CALL_NOTES_LIMITS.remoteNumber),
      startedAt: entry.call.startedAt,
    });
  };

  const stop = store.subscribe(() => {
    const { calls, callNotes = {} } = store.getSnapshot();
    for (const callId of Object.keys(callNotes)) {
      if (timers.has(callId) || (saved.get(callId) ?? '') === callNotes[callId]) continue;
      if (!calls.some((c) => c.info.callId === callId)) continue;
      timers.set(
        callId,
        setTimeout(() => write(callId), CALL_NOTES_SAVE_MS),
      );
    }
    for (const callId of [...saved.keys()]) if (!(callId in callNotes)) saved.delete(callId);
  });
  return () => {
    stop();
    timers.forEach((t) => clearTimeout(t));
  };
}
