import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { FakeIpcMain, FakeSession, FakeWebContents } from './fake-electron';

/** The real main module, with only the `electron` module itself replaced at the OS boundary. */
async function loadMain(gotLock: boolean) {
  vi.resetModules();
  const dataDir = makeTempDir();
  const appEvents = new Map<string, (...a: unknown[]) => void>();
  let ready: () => void = () => {};
  const windows: { options: unknown; url?: string }[] = [];
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => gotLock),
      quit: vi.fn(),
      on: vi.fn((name: string, fn: (...a: unknown[]) => void) => appEvents.set(name, fn)),
      whenReady: vi.fn(() => new Promise<void>((r) => (ready = r))),
      getPath: vi.fn(() => dataDir.path),
      getVersion: vi.fn(() => '9.9.9'),
    },
    BrowserWindow: vi.fn(function (this: Record<string, unknown>, options: unknown) {
      const record: { options: unknown; url?: string } = { options };
      windows.push(record);
      this.once = vi.fn();
      this.on = vi.fn();
      this.loadURL = vi.fn(async (url: string) => void (record.url = url));
      this.webContents = new FakeWebContents();
    }),
    ipcMain: new FakeIpcMain(),
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    session: { defaultSession: new FakeSession() },
  };
  vi.doMock('electron', () => electron);
  await import('../../../electron/main/index');
  return { electron, appEvents, windows, ready: () => ready(), dataDir };
}

afterEach(() => vi.doUnmock('electron'));

describe('Electron main process', () => {
  it('quits at once when another Warmline already runs', async () => {
    const { electron, windows, dataDir } = await loadMain(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
    dataDir.remove();
  });

  it('opens one secure window on the built renderer and wires the HostApi channels', async () => {
    const { electron, appEvents, windows, ready, dataDir } = await loadMain(true);
    expect(appEvents.has('second-instance')).toBe(true);
    expect(appEvents.has('web-contents-created')).toBe(true);
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    const options = windows[0]?.options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    await vi.waitFor(() => expect(windows[0]?.url).toMatch(/^file:.*renderer\/index\.html$/));
    expect([...electron.ipcMain.handlers.keys()]).toContain('settings:save');
    expect(electron.session.defaultSession.requestHandler).toBeDefined();
    appEvents.get('will-quit')?.();
    dataDir.remove();
  });
});
