import type { BrowserWindowConstructorOptions } from 'electron';

export const MAIN_WINDOW_MIN = { width: 960, height: 640 } as const;

/**
 * The main window's options: Electron's security checklist, in one place a test can read.
 * `bounds` are where the agent left the window, already checked to be on a display.
 */
export function mainWindowOptions(
  preloadPath: string,
  bounds?: { x: number; y: number; width: number; height: number },
): BrowserWindowConstructorOptions {
  return {
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
  };
}
