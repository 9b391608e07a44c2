import type { CallNotesInput } from '../../../shared/history/call-notes';
import { CALL_NOTES_LIMITS } from '../../../shared/history/limits';
import type { HostApi } from '../host';
import { DraftSaver } from './draft-saver';
import type { PhoneStore } from './phone-store';
import { truncateText } from '../../../shared/text';

/** The longest a change to the call notes waits before it is written (the wrap-up form's bound too). */
export const CALL_NOTES_SAVE_MS = 120;

/**
 * Writes the notes of each live call to the host as the agent types (a draft saver per call: at
 * most `CALL_NOTES_SAVE_MS` after a change, never waiting for a pause), so a crash during the
 * call loses nothing. Once the call ends, its wrap-up draft takes the notes over and the host
 * drops these.
 */
export function saveCallNotesAsTyped(store: PhoneStore, host: Pick<HostApi, 'saveCallNotes'>): () => void {
  const savers = new Map<string, DraftSaver<CallNotesInput>>();
  const written = new Map<string, string>();

  const stop = store.subscribe(() => {
    const { calls, callNotes = {} } = store.getSnapshot();
    for (const entry of calls) {
      const callId = entry.info.callId;
      const notes = callNotes[callId];
      if (notes === undefined || notes === written.get(callId)) continue;
      written.set(callId, notes);
      let saver = savers.get(callId);
      if (!saver) {
        saver = new DraftSaver({ save: (n) => host.saveCallNotes(n), onState: () => {}, debounceMs: CALL_NOTES_SAVE_MS });
        savers.set(callId, saver);
      }
      saver.update({
        callId,
        notes,
        remoteName: truncateText(entry.info.remote.name ?? '', CALL_NOTES_LIMITS.remoteName),
        remoteNumber: truncateText(entry.info.remote.number, CALL_NOTES_LIMITS.remoteNumber),
        startedAt: entry.call.startedAt,
      });
    }
    // A call that has gone: its wrap-up draft holds the notes now.
    for (const [callId, saver] of savers) {
      if (calls.some((c) => c.info.callId === callId)) continue;
      void saver.close();
      savers.delete(callId);
      written.delete(callId);
    }
  });
  return () => {
    stop();
    savers.forEach((saver) => void saver.close());
  };
}
