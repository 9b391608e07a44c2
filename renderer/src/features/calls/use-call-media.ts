import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { QualityLevel } from '../../../../shared/quality/e-model';
import type { Ringer } from '../../audio/ringer';
import type { CallId } from '../../phone';
import type { CallQuality, QualityLog } from '../../state/quality-log';

export type { CallQuality } from '../../state/quality-log';

/** The latest quality reading of a call (taken by the quality log, which measures every connected call). */
export function useCallQuality(callId: CallId | undefined, log: QualityLog): CallQuality | undefined {
  return useSyncExternalStore(log.subscribe, () => log.latest(callId));
}

/**
 * The talking call's level and MOS (one decimal) as the status bar shows them: a new value only
 * when what is shown changes, so a reading every two seconds does not re-render the app (issue 19).
 */
export function useShownQuality(
  callId: CallId | undefined,
  log: QualityLog,
): { readonly level: QualityLevel; readonly mos: number } | undefined {
  const shown = useSyncExternalStore(log.subscribe, () => {
    const assessment = log.latest(callId)?.assessment;
    return assessment ? `${assessment.level} ${assessment.mos.toFixed(1)}` : '';
  });
  return useMemo(() => {
    if (!shown) return undefined;
    const [level, mos] = shown.split(' ');
    return { level: level as QualityLevel, mos: Number(mos) };
  }, [shown]);
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
    // Started after the ringing card's commit, not inside it: the card is painted first (issue 19).
    const timer = setTimeout(() => void ringer.start().then((s) => live && setState(s)), 0);
    return () => {
      live = false;
      clearTimeout(timer);
      ringer.stop();
    };
  }, [ringing, ringer]);
  return ringing ? state : 'idle';
}
