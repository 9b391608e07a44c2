import type { Bounds } from './window-state-store';

/** How much of the title bar must land on a display for the agent to grab it: enough to drag, not a sliver. */
const TITLE_BAR = { height: 32, minVisibleWidth: 100 } as const;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * The saved bounds, if the window's title bar would be on one of today's displays (the agent may
 * have undocked from the second monitor since); shrunk to fit that display. Otherwise undefined,
 * and the window opens at its default size, centred.
 */
export function restorableBounds(
  saved: Bounds,
  workAreas: readonly Bounds[],
  min: { readonly width: number; readonly height: number },
): Bounds | undefined {
  const values = [saved.x, saved.y, saved.width, saved.height];
  if (!values.every(Number.isFinite) || saved.width <= 0 || saved.height <= 0) return undefined;
  const titleTop = saved.y;
  const area = workAreas.find(
    (a) =>
      titleTop >= a.y &&
      titleTop + TITLE_BAR.height <= a.y + a.height &&
      overlap(saved.x, saved.x + saved.width, a.x, a.x + a.width) >= Math.min(TITLE_BAR.minVisibleWidth, saved.width),
  );
  if (!area) return undefined;
  const width = Math.max(min.width, Math.min(saved.width, area.width));
  const height = Math.max(min.height, Math.min(saved.height, area.height));
  return { x: saved.x, y: saved.y, width, height };
}
