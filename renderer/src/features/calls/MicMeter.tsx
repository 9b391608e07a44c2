import { useTranslation } from '../../i18n';
import { useEffect, useRef, useState } from 'react';
import { watchLevel } from '../../audio/level-meter';
import type { Microphone } from '../../audio/microphone';

/** The least change of the level, in points of 100, that redraws the bar. */
const MIN_STEP = 3;

export interface MicMeterProps {
  readonly microphone: Microphone;
  /** Shows zero while muted: what the far end hears. */
  readonly muted: boolean;
}

/**
 * The microphone level of the talking call. It changes a few times a second (LEVEL_INTERVAL_MS), so
 * it writes the bar's scale and the meter's value straight into its own two elements: no React
 * render at all, where a state update re-rendered the whole phone screen each time (issue 19).
 */
export function MicMeter({ microphone, muted }: MicMeterProps) {
  const { t } = useTranslation();
  const meter = useRef<HTMLSpanElement>(null);
  const bar = useRef<HTMLSpanElement>(null);
  const [stream, setStream] = useState<MediaStream | undefined>(microphone.current);
  useEffect(() => microphone.onStream(setStream), [microphone]);
  useEffect(() => {
    const current = stream ?? microphone.current;
    if (!current) return;
    let shown = -1;
    return watchLevel(current, (level) => {
      const percent = muted ? 0 : Math.round(level * 100);
      // A step of one or two points is under two pixels of the bar: not worth a frame.
      if (Math.abs(percent - shown) < MIN_STEP && !(percent === 0 && shown !== 0)) return;
      shown = percent;
      meter.current?.setAttribute('aria-valuenow', String(percent));
      // A transform, not the width: the bar moves without a layout of the page (issue 19).
      if (bar.current) bar.current.style.transform = `scaleX(${percent / 100})`;
    });
  }, [stream, microphone, muted]);
  return (
    <span
      ref={meter}
      className="mic-level"
      aria-label={t('calls.active.micLevel')}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
    >
      <span ref={bar} className="mic-level-bar" style={{ transform: 'scaleX(0)' }} />
    </span>
  );
}
