import { useEffect, useRef, useState } from 'react';
import { assessQuality, type QualityAssessment } from '../../../../shared/quality/e-model';
import { readQuality, type LossCounters } from '../../audio/call-quality';
import { watchLevel } from '../../audio/level-meter';
import type { Microphone } from '../../audio/microphone';
import type { Ringer } from '../../audio/ringer';
import type { CallId } from '../../phone';

export interface CallQuality {
  readonly assessment: QualityAssessment;
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly lossPercent: number;
}

const QUALITY_INTERVAL_MS = 2000;

/** Polls getStats for the talking call and turns it into the quality badge's reading. */
export function useCallQuality(callId: CallId | undefined, getStats: (id: CallId) => Promise<RTCStatsReport | undefined>) {
  const [reading, setReading] = useState<{ readonly callId: CallId; readonly quality: CallQuality } | undefined>();
  const counters = useRef<LossCounters | undefined>(undefined);
  useEffect(() => {
    counters.current = undefined;
    if (!callId) return;
    let live = true;
    const poll = async () => {
      const report = await getStats(callId).catch(() => undefined);
      if (!live || !report) return;
      const reading = readQuality([...report.values()] as never, counters.current);
      if (!reading) return;
      counters.current = reading.counters;
      setReading({ callId, quality: { assessment: assessQuality(reading.sample), ...reading.sample } });
    };
    const timer = setInterval(() => void poll(), QUALITY_INTERVAL_MS);
    void poll();
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [callId, getStats]);
  // A reading belongs to one call: a new call starts "measuring" instead of showing the last one's.
  return reading && reading.callId === callId ? reading.quality : undefined;
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
