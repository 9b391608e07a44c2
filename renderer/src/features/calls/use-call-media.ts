import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Ringer } from '../../audio/ringer';
import type { CallId } from '../../phone';
import type { CallQuality, QualityLog } from '../../state/quality-log';

export type { CallQuality } from '../../state/quality-log';

/** The latest quality reading of a call (taken by the quality log, which measures every connected call). */
export function useCallQuality(callId: CallId | undefined, log: QualityLog): CallQuality | undefined {
  return useSyncExternalStore(log.subscribe, () => log.latest(callId));
}

/** Rings while a call is offered; `blocked` when the browser refused sound (no click on the page yet). */
export function useRinger(ringing: boolean, ringer: Ringer): 'idle' | 'playing' | 'blocked' {
  const [state, setState] = useState<'idle' | 'playing' | 'blocked'>('idle');
  useEffect(() => {
    if (!ringing) {
      ringer.stop();
      return;
    }
    let live = true;
    void ringer.start().then((s) => live && setState(s));
    return () => {
      live = false;
      ringer.stop();
    };
  }, [ringing, ringer]);
  return ringing ? state : 'idle';
}
