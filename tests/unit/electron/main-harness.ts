import { afterEach, beforeEach, vi } from 'vitest';
import { HOST_EVENT_CHANNEL, HOST_EVENT_SUBSCRIBE_CHANNEL } from '../../../shared/host-api/channels';
import { loadMain } from './load-main';

type Main = Awaited<ReturnType<typeof loadMain>>;
type Window = Awaited<ReturnType<Main['started']>>;

/**
 * Runs the real main module per test with `electron` doubled, and cleans up after it: the quit
 * hooks, the process listeners it added, its data folder. A test that restarts on the same data
 * replaces the cleanup with its own.
 */
export function useMainProcess() {
  let cleanup: (() => void) | undefined;
  // A development build prints its log to the console too; the tests read the file instead.
  beforeEach(() => {
    for (const level of ['error', 'warn', 'log'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    cleanup?.();
    cleanup = undefined;
    vi.doUnmock('electron');
  });

  return {
    async start(options: Parameters<typeof loadMain>[0] = {}) {
      const main = await loadMain(options);
      cleanup = () => {
        main.app.emit('will-quit');
        main.releaseProcess();
        main.dataDir.remove();
      };
      return main;
    },
    /** Cleans up now (to start again in the same test) or replaces what runs after the test. */
    cleanUp(replacement?: () => void) {
      if (replacement) {
        cleanup = replacement;
        return;
      }
      cleanup?.();
      cleanup = undefined;
    },
  };
}

/** The page subscribes to host events, as the preload does on the renderer's first `onHostEvent`. */
export function subscribe(main: Main, window: Window) {
  window.webContents.mainFrame = { url: window.url ?? '' };
  main.electron.ipcMain.listeners.get(HOST_EVENT_SUBSCRIBE_CHANNEL)?.({
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame,
  });
}

export const pushed = (window: { webContents: { sent: { channel: string; payload: unknown }[] } }) =>
  window.webContents.sent.filter((m) => m.channel === HOST_EVENT_CHANNEL).map((m) => m.payload);
