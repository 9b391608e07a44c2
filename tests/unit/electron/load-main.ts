import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { vi } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import {
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenu,
  fakeNativeImage,
  FakeNotification,
  FakeProtocol,
  FakeSession,
  FakeTray,
  FakeWebContents,
} from './fake-electron';

/**
 * How long `started()` waits for the main module's first window: a bound, not a speed check. The
 * main module opens its database and reads settings first, which took over vi.waitFor's default
 * second on a loaded 2-core machine (load 20: 'no window yet').
 */
const WINDOW_WAIT = { timeout: 15_000, interval: 20 } as const;

/** Electron's `app`, doubled: events are real emitters, the OS calls are recorded. */
export class FakeApp extends EventEmitter {
  isPackaged = false;
  /** Like Electron: quitting announces itself with `before-quit`, then closes the windows. */
  readonly quit = vi.fn(() => {
    this.fire('before-quit');
    for (const window of FakeBrowserWindow.all) window.close();
  });
  readonly setAsDefaultProtocolClient = vi.fn((_scheme: string) => true);
  readonly getVersion = vi.fn(() => '9.9.9');
  private resolveReady: () => void = () => {};
  readonly whenReady = vi.fn(() => new Promise<void>((r) => (this.resolveReady = r)));
  constructor(
    private readonly gotLock: boolean,
    private readonly dataDir: string,
  ) {
    super();
  }
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
  readonly getPath = vi.fn(() => this.dataDir);
  ready() {
    this.resolveReady();
  }
  /** Emits with an event object like Electron's; returns whether a listener prevented the default. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  url: string | undefined;
  minimized = false;
  maximized = false;
  visible = false;
  focused = 0;
  bounds = { x: 0, y: 0, width: 1280, height: 800 };
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  loadURL = vi.fn(async (url: string) => void (this.url = url));
  isMinimized = () => this.minimized;
  restore = () => void (this.minimized = false);
  show = () => void (this.visible = true);
  focus = () => void this.focused++;
  isMaximized = () => this.maximized;
  maximize = () => void (this.maximized = true);
  getNormalBounds = () => ({ ...this.bounds });
  closed = false;
  hide = () => void (this.visible = false);
  /** The agent closes the window, as the OS would report it; a prevented close leaves it open. */
  close() {
    if (this.closed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closed = true;
    this.visible = false;
    this.emit('closed');
  }
  isDestroyed = () => false;
}

export interface MainOptions {
  readonly gotLock?: boolean;
  readonly argv?: readonly string[];
  readonly isPackaged?: boolean;
  readonly keysTakenByOthers?: string[];
  /** A data folder from an earlier run, to test what survives a restart. */
  readonly dataDir?: ReturnType<typeof makeTempDir>;
  readonly workAreas?: { x: number; y: number; width: number; height: number }[];
  /** The OS's secret storage; by default none available. */
  readonly safeStorage?: { isEncryptionAvailable(): boolean; getSelectedStorageBackend(): string };
  /** The button a message box's user presses (its index). */
  readonly messageBoxAnswer?: number;
}

/** The real main module, with only the `electron` module itself replaced at the OS boundary. */
export async function loadMain(options: MainOptions = {}) {
  vi.resetModules();
  FakeBrowserWindow.all.length = 0;
  FakeTray.all.length = 0;
  FakeNotification.all = [];
  const dataDir = options.dataDir ?? makeTempDir();
  const app = new FakeApp(options.gotLock ?? true, dataDir.path);
  app.isPackaged = options.isPackaged ?? false;
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      ...options.safeStorage,
      encryptString: vi.fn((plain: string) => Buffer.from(plain)),
      decryptString: vi.fn((blob: Buffer) => blob.toString()),
    },
    session: { defaultSession: new FakeSession() },
    Tray: FakeTray,
    Menu: FakeMenu,
    nativeImage: fakeNativeImage,
    Notification: FakeNotification,
    globalShortcut: new FakeGlobalShortcut(options.keysTakenByOthers),
    dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn((_options: unknown) => options.messageBoxAnswer ?? 1) },
    protocol: new FakeProtocol(),
    screen: {
      getAllDisplays: () => (options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1050 }]).map((workArea) => ({ workArea })),
    },
  };
  vi.doMock('electron', () => electron);
  type Listener = (...args: unknown[]) => void;
  const emitter = process as unknown as EventEmitter;
  const processEvents = ['uncaughtExceptionMonitor', 'unhandledRejection'];
  const before = new Map(processEvents.map((e) => [e, new Set(emitter.listeners(e) as Listener[])]));
  /** Removes only the process listeners this main module added (vitest has its own). */
  const releaseProcess = () => {
    for (const e of processEvents) {
      for (const l of emitter.listeners(e) as Listener[]) if (!before.get(e)?.has(l)) emitter.removeListener(e, l);
    }
  };
  const argv = process.argv;
  process.argv = ['/opt/Warmline/warmline', ...(options.argv ?? [])];
  // Electron adds this to `process`; a packaged app finds its resources/ under it.
  Object.assign(process, { resourcesPath: join(dataDir.path, 'app-resources') });
  try {
    await import('../../../electron/main/index');
  } finally {
    process.argv = argv;
  }
  const started = async () => {
    app.ready();
    await vi.waitFor(() => {
      if (!FakeBrowserWindow.all[0]?.url) throw new Error('no window yet');
    }, WINDOW_WAIT);
    return FakeBrowserWindow.all[0]!;
  };
  return {
    electron,
    app,
    dataDir,
    started,
    releaseProcess,
    windows: FakeBrowserWindow.all,
    trays: FakeTray.all,
    notifications: () => FakeNotification.all,
  };
}
