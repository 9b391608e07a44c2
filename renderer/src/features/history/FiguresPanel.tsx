import { useTranslation } from '../../i18n';
import { useEffect, useState } from 'react';
import { startOfLocalDay, startOfLocalWeek } from '../../../../shared/history';
import type { HostApi } from '../../host';
import { MyFigures, type FiguresLoad } from './MyFigures';

export interface FiguresPanelProps {
  readonly host: HostApi;
  readonly now?: () => number;
}

/** Often enough that a call wrapped up while the view is open shows up soon; the query is a few ms. */
const REFRESH_MS = 30_000;
const DAY_MS = 86_400_000;

/** Container: today's and this week's figures (local days, ISO weeks), read on open and every half minute. */
export function FiguresPanel({ host, now = Date.now }: FiguresPanelProps) {
  const { language } = useTranslation();
  const [load, setLoad] = useState<FiguresLoad>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    const read = async () => {
      const at = now();
      const today = startOfLocalDay(at);
      const week = startOfLocalWeek(at);
      // Both periods run to the next local midnight; a day of 23 or 25 hours still lands on it.
      const end = startOfLocalDay(today + DAY_MS + 3_600_000);
      const [day, weekly] = await Promise.all([
        host.agentStats({ from: today, to: end }),
        host.agentStats({ from: week, to: end }),
      ]);
      if (!live) return;
      if (!day.ok) return setLoad({ kind: 'failed', message: day.error.message });
      if (!weekly.ok) return setLoad({ kind: 'failed', message: weekly.error.message });
      setLoad({ kind: 'ready', today: day.value, week: weekly.value });
    };
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [host, now]);
  return <MyFigures load={load} locale={language} />;
}
