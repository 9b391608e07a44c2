/**
 * The agent's figures as their language writes them: counts and percentages with the locale's
 * digits and separators, durations in its unit words ("4 min 30 sec", "4 min. og 30 sek.").
 * Intl.DurationFormat would do the last in one call, but the Node that runs the unit tests lacks it.
 */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatRate(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** Whole seconds, largest units first, zero parts left out (but "0 sec" for nothing at all). */
export function formatDurationWords(ms: number, locale: string): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const seconds: [number, 'second'] = [total % 60, 'second'];
  const parts: [number, 'hour' | 'minute' | 'second'][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    seconds,
  ];
  const shown = parts.filter(([n]) => n > 0);
  const words = (shown.length > 0 ? shown : [seconds]).map(([n, unit]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(n),
  );
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(words);
}
