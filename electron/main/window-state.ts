import type { BrowserWindow, Screen } from 'electron';
import { restorableBounds } from '../services/window-state/restore';
import type { Bounds, WindowStateStore } from '../services/window-state/window-state-store';

export const MAIN_WINDOW = 'main';
const SAVE_DELAY_MS = 500;

/** Where the main window opens: where it was, when that is still on a display; else the defaults. */
export function restoredWindowState(
  store: WindowStateStore,
  screen: Pick<Screen, 'getAllDisplays'>,
  min: { readonly width: number; readonly height: number },
): { bounds?: Bounds; maximized: boolean } {
  const saved = store.load(MAIN_WINDOW);
  if (!saved) return { maximized: false };
  const bounds = restorableBounds(
    saved.bounds,
    screen.getAllDisplays().map((d) => d.workArea),
    min,
  );
  return bounds ? { bounds, maximized: saved.maximized } : { maximized: saved.maximized };
}

type RememberedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/**
 * Saves the window's normal (unmaximized) bounds and maximized flag: shortly after it is moved or
 * resized, so a crash loses little, and at once when it closes.
 */
export function rememberWindowState(window: RememberedWindow, store: WindowStateStore, now: () => number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    store.save(MAIN_WINDOW, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }, now());
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later);
  window.on('close', save);
}
