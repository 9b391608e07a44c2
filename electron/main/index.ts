import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  type MessageBoxSyncOptions,
  screen,
  session,
  Tray,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dispatch } from '../services/host-api/dispatcher';
import { createHostServices, type HostServices } from '../services/host-api/host-services';
import { openMovingCorruptAside, type CorruptDatabaseError } from '../services/storage/corrupt-database';
import { lockDataDir, type DataDirLock } from '../services/storage/data-dir-lock';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { createDialLinkHandler, registerProtocolClients, wireDialLinks } from './dial-links';
import { hideToTrayOnClose, isSignedIn } from './hide-to-tray';
import { createHostEventOutlet } from './host-events';
import { registerHostEventIpc, registerHostIpc } from './ipc';
import { createCallNotifier } from './notifications';
import { fill, shellText, type ShellText } from './shell-text';
import { createGlobalShortcuts } from './shortcuts';
import { createAgentTray } from './tray';
import { chooseSecretStorage } from './secret-storage';
import { lockDownContents, restrictPermissions } from './security';
import { MAIN_WINDOW_MIN, openMainWindow } from './window-options';
import { rememberWindowState, restoredWindowState } from './window-state';
import { createRotatingLog } from '../services/logging/rotating-log';
import { createWindowStateStore } from '../services/window-state/window-state-store';
import { startLabSession, type LabSession } from '../web-host/lab-session';
import { DEFAULT_LAB_PORT } from '../web-host/start-options';

// A second launch hands over to the running one, with the tel:/sip: link it was started for.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const here = fileURLToPath(new URL('.', import.meta.url));
  let window: BrowserWindow | undefined;
  let services: HostServices | undefined;
  let dataLock: DataDirLock | undefined;
  let tray: ReturnType<typeof createAgentTray> | undefined;
  let shortcuts: ReturnType<typeof createGlobalShortcuts> | undefined;
  // The embedded lab call center, when no other server is configured (as browser mode runs it).
  let labSession: LabSession | undefined;
  // electron-builder copies resources/ next to app.asar (extraResources); in a checkout it is at the root.
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(here, '../../resources');
  // Development loads electron-vite's dev server; a build is served on app://warmline (app-protocol.ts).
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const rendererUrl = devServerUrl ?? APP_URL;
  // Privileged schemes must be declared before `ready`.
  registerAppScheme(protocol);

  // The tray and OS notifications speak the agent's language: read at start, again after each save.
  let text: ShellText = shellText(undefined);
  let signedIn = false;

  // Before the settings (and their language) can be read: the database itself is what is damaged.
  const offerFreshStart = (error: CorruptDatabaseError) => {
    const options: MessageBoxSyncOptions = {
      type: 'error',
      title: 'Warmline cannot open its database',
      message: 'The Warmline database is damaged.',
      detail: error.message,
      buttons: ['Move it aside and start fresh', 'Quit'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    return dialog.showMessageBoxSync(options) === 0;
  };

  const focusWindow = () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  // The log file lives in the user data folder; in development every entry is printed too.
  const fileLog = createRotatingLog({ dir: join(app.getPath('userData'), 'logs'), console: !app.isPackaged });
  const log = (m: string) => fileLog.warn(m);
  const events = createHostEventOutlet(log);
  process.on('uncaughtExceptionMonitor', (error) => fileLog.error('main: uncaught exception', error));
  process.on('unhandledRejection', (reason) => fileLog.error('main: unhandled promise rejection', reason));
  app.on('render-process-gone', (_event, _contents, details) =>
    fileLog.error(`renderer: gone (${details.reason}, exit ${details.exitCode})`),
  );
  app.on('child-process-gone', (_event, details) => fileLog.error(`main: ${details.type} process gone (${details.reason})`));
  registerProtocolClients(app, log);
  const notifier = createCallNotifier({
    Notification,
    platform: process.platform,
    push: (command) => events.push(command),
    focusWindow,
    icon: join(resourcesDir, 'icon.png'),
    text: () => text,
  });
  const dialLink = createDialLinkHandler({ push: (e) => events.push(e), focus: focusWindow, log });
  wireDialLinks(app, process.argv, dialLink, focusWindow);

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, rendererUrl));

  app
    .whenReady()
    .then(async () => {
      if (devServerUrl === undefined) serveRenderer(protocol, join(here, '../renderer'));
      shortcuts = createGlobalShortcuts(globalShortcut, (command) => events.push(command), log);
      const dataDir = app.getPath('userData');
      // A second desktop app hands over (single-instance lock above); this stops browser mode on the same folder.
      dataLock = lockDataDir(dataDir, 'desktop app');
      const secrets = chooseSecretStorage(safeStorage, process.platform);
      if (secrets.withoutKeyring) log('main: no keyring (safeStorage basic_text): secrets are kept in memory only');
      const globalShortcuts = shortcuts;
      services = openMovingCorruptAside(
        () =>
          createHostServices({
            dataDir,
            host: 'electron',
            version: app.getVersion(),
            log: fileLog,
            onRendererError: (report) => fileLog.error(`renderer: ${report.source ?? 'error'}: ${report.message}`, report.stack),
            ...(secrets.codec ? { secretCodec: secrets.codec } : {}),
            withoutKeyring: secrets.withoutKeyring,
            lab: () => labSession?.desk,
            globalShortcuts,
            onAgentStatus: (status) => {
              signedIn = isSignedIn(status);
              tray?.update(status);
              notifier.update(status);
            },
            onCallbackDue: (callback) => notifier.callbackDue(callback),
          }),
        offerFreshStart,
        log,
      );
      const started = services;
      // Before the page loads, so its first read of the settings already names the lab.
      labSession = await startLabSession(started.handlers, {
        port: DEFAULT_LAB_PORT,
        dataDir,
        ...(devServerUrl !== undefined ? { pageOrigins: [new URL(devServerUrl).origin] } : {}),
      }).catch((error: unknown) => {
        // A port taken by another program: the phone still runs, pointed at nothing until Settings says where.
        const detail = error instanceof Error ? error.message : String(error);
        fileLog.error('main: the embedded lab did not start', error);
        void dialog.showMessageBox({ type: 'warning', title: 'Warmline', message: 'The lab call center did not start.', detail });
        return undefined;
      });
      const followLanguage = async () => {
        text = shellText((await started.handlers.getSettings()).language);
        tray?.refresh();
      };
      followLanguage().catch((error: unknown) => fileLog.error('main: could not read the language setting', error));
      const dispatch: Dispatch = async (method, args) => {
        const result = await started.dispatch(method, args);
        if (method === 'saveSettings' && result.ok) await followLanguage();
        return result;
      };
      restrictPermissions(session.defaultSession, rendererUrl);
      registerHostIpc(ipcMain, dispatch, () => window?.webContents, rendererUrl);
      registerHostEventIpc(ipcMain, events, () => window?.webContents, rendererUrl);

      const windowStates = createWindowStateStore(services.db);
      const restored = restoredWindowState(windowStates, screen, MAIN_WINDOW_MIN);
      window = openMainWindow(BrowserWindow, join(here, '../preload/index.cjs'), restored.bounds);
      if (restored.maximized) window.maximize();
      rememberWindowState(window, windowStates, Date.now);
      hideToTrayOnClose(
        app,
        window,
        () => signedIn,
        () => notifier.notice(text.stillRunningTitle, fill(text.stillRunningBody, { quit: text.quit })),
      );
      window.once('ready-to-show', () => window?.show());
      window.webContents.on('did-start-loading', () => events.notListening());
      window.webContents.on('render-process-gone', () => events.notListening());
      window.on('closed', () => {
        window = undefined;
        events.notListening();
      });
      void window.loadURL(rendererUrl);

      tray = createAgentTray({
        Tray,
        Menu,
        nativeImage,
        resourcesDir,
        text: () => text,
        push: (command) => events.push(command),
        showWindow: focusWindow,
        quit: () => app.quit(),
      });
    })
    .catch((error: unknown) => {
      // A data file from a newer Warmline, a locked or unreadable file: say so instead of running without a window.
      fileLog.error('main: startup failed', error);
      dialog.showErrorBox('Warmline cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
    });

  app.on('window-all-closed', () => app.quit());
  // macOS: a click on the Dock icon brings back a window hidden to the tray.
  app.on('activate', focusWindow);
  app.on('will-quit', () => {
    shortcuts?.unregisterAll();
    notifier.closeAll();
    tray?.destroy();
    void labSession?.close();
    services?.close();
    dataLock?.release();
  });
}
