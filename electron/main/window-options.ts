import type { BrowserWindowConstructorOptions } from 'electron';

export const MAIN_WINDOW_MIN = { width: 960, height: 640 } as const;

/** Electron's BrowserWindow, or a test double that records the options it is given. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the main window with Electron's security checklist in its options. The options are
 * written out at the `new BrowserWindow` call itself, not built by another function, so a
 * security linter (electronegativity) reads them where the window is made instead of reporting
 * them unset. `bounds` are where the agent left the window, already checked to be on a display.
 */
export function openMainWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  preloadPath: string,
  bounds?: { x: number; y: number; width: number; height: number },
): W {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    ...bounds,
    minWidth: MAIN_WINDOW_MIN.width,
    minHeight: MAIN_WINDOW_MIN.height,
    title: 'Warmline',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click opens links in new windows; window.open is denied anyway, this closes the door earlier.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
      // The agent keeps the window in the background all shift; ringing and timers must not be throttled.
      backgroundThrottling: false,
      // The first ring of the day must be heard even before the agent has clicked anything.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
}
