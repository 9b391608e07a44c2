import { useEffect, useState, useSyncExternalStore } from 'react';
import { watchLevel } from '../../audio/level-meter';
import type { Microphone } from '../../audio/microphone';
import type { Ringer } from '../../audio/ringer';
import type { CallId } from '../../phone';
import type { CallQuality, QualityLog } from '../../state/quality-log';

export type { CallQuality } from '../../state/quality-log';

/** The latest quality reading of a call (taken by the quality log, which measures every connected call). */
export function useCallQuality(callId: CallId | undefined, log: QualityLog): CallQuality | undefined {
  return useSyncExternalStore(log.subscribe, () => log.latest(callId));
}

/** The microphone's level while a call is up. */
export function useMicLevel(active: boolean, microphone: Microphone): number {
  const [level, setLevel] = useState(0);
  const [stream, setStream] = useState<MediaStream | undefined>(microphone.current);
  useEffect(() => microphone.onStream(setStream), [microphone]);
  useEffect(() => {
    if (!active) return;
    const current = stream ?? microphone.current;
    if (!current) return;
    return watchLevel(current, setLevel);
  }, [active, stream, microphone]);
  return active ? level : 0;
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
