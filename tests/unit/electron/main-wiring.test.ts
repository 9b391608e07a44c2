import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { HOST_EVENT_SUBSCRIBE_CHANNEL } from '../../../shared/host-api/channels';
import { loadMain } from './load-main';
import { pushed, subscribe, useMainProcess } from './main-harness';

const { start, cleanUp } = useMainProcess();

describe('Electron main process', () => {
  it('quits at once when another Warmline already runs', async () => {
    const { app, windows } = await start({ gotLock: false });
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });

  it('opens one secure window on the built renderer and wires the HostApi channels', async () => {
    const main = await start();
    expect(main.app.listenerCount('second-instance')).toBe(1);
    expect(main.app.listenerCount('web-contents-created')).toBe(1);
    // Chromium takes privileged schemes only before `ready`; the handler needs the ready app.
    expect(main.electron.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(main.electron.protocol.handlers.size).toBe(0);
    const window = await main.started();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.url).toBe('app://warmline/index.html');
    expect([...main.electron.protocol.handlers.keys()]).toEqual(['app']);
    expect([...main.electron.ipcMain.handlers.keys()]).toContain('settings:save');
    expect([...main.electron.ipcMain.listeners.keys()]).toEqual([HOST_EVENT_SUBSCRIBE_CHANNEL]);
    expect(main.electron.session.defaultSession.requestHandler).toBeDefined();
  });
});

describe('tel:, sip: and callto: links', () => {
  it('registers as the protocol handler only when packaged', async () => {
    const dev = await start();
    expect(dev.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    cleanUp();
    const packaged = await start({ isPackaged: true });
    expect(packaged.app.setAsDefaultProtocolClient.mock.calls.map((c) => c[0])).toEqual(['tel', 'sip', 'sips', 'callto']);
  });

  it('fills the dial pad with the link the app was launched for, once the page listens', async () => {
    const main = await start({ argv: ['--no-sandbox', 'tel:+1-201-555-0123'] });
    const window = await main.started();
    expect(pushed(window)).toEqual([]);
    subscribe(main, window);
    expect(pushed(window)).toEqual([{ type: 'dial-link', target: '+12015550123' }]);
  });

  it('takes a link from a second launch and from macOS open-url, and brings the window forward', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    window.minimized = true;
    main.app.fire('second-instance', ['/opt/Warmline/warmline', 'callto://+47-22-33-44-55/'], '/home/agent');
    expect(main.app.fire('open-url', 'sip:alice@example.com?Replaces=x')).toBe(true);
    expect(pushed(window)).toEqual([
      { type: 'dial-link', target: '+4722334455' },
      { type: 'dial-link', target: 'sip:alice@example.com' },
    ]);
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(2);
  });

  it('refuses hostile links without pushing anything, but a plain second launch still focuses', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    main.app.fire('open-url', 'javascript:alert(1)');
    main.app.fire('open-url', 'tel:+1%0d%0a2');
    main.app.fire('second-instance', ['/opt/Warmline/warmline'], '/');
    expect(pushed(window)).toEqual([]);
    expect(window.focused).toBe(1);
    expect(readFileSync(join(main.dataDir.path, 'logs', 'warmline.log'), 'utf8')).toContain('refused a tel link (encoding)');
    expect(readFileSync(join(main.dataDir.path, 'logs', 'warmline.log'), 'utf8')).not.toContain('%0d');
  });
});

describe('tray', () => {
  it('follows the status the page reports and turns menu clicks into commands for the page', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    const tray = main.trays[0]!;
    expect(tray.image).toEqual({ path: expect.stringMatching(/resources[\\/]tray[\\/]offline\.png$/) });
    const report = main.electron.ipcMain.handlers.get('agent:status:report');
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await report?.(sender, [{ agentState: { kind: 'available' } }])).toEqual({ ok: true, value: null });
    expect(tray.tooltip).toBe('Warmline: Available');
    tray.click('Meeting');
    expect(pushed(window)).toEqual([{ type: 'command', command: 'go-break', reason: 'meeting' }]);
    expect(await report?.(sender, [{ agentState: { kind: 'on-vacation' } }])).toMatchObject({ ok: false });
    expect(tray.tooltip).toBe('Warmline: Available');
    main.app.emit('will-quit');
    expect(tray.destroyed).toBe(true);
  });
});

describe('notifications', () => {
  it('announce a ringing call from the reported status, and its Answer button answers that call in the page', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    const report = main.electron.ipcMain.handlers.get('agent:status:report');
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await report?.(sender, [
      {
        agentState: { kind: 'ringing' },
        incomingCall: { callId: 'c-1', callerName: 'Ana', number: '+4712345678', queue: 'Billing' },
      },
    ]);
    const [notification] = main.notifications();
    expect(notification?.options.title).toBe('Incoming call: Billing');
    notification?.listeners.get('action')?.({ actionIndex: 0 });
    expect(pushed(window)).toEqual([{ type: 'command', command: 'answer', callId: 'c-1' }]);
    main.app.emit('will-quit');
    expect(notification?.closed).toBe(true);
  });
});

describe('callback reminders', () => {
  it('a callback the page says is due becomes an OS notification; a malformed one is refused', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    const remind = main.electron.ipcMain.handlers.get('customers:callbacks:remind');
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const callback = { noteId: 3, customerKey: 'number:+4712345678', name: 'Dana', at: 1_000, notes: 'Refund' };
    expect(await remind?.(sender, [callback])).toEqual({ ok: true, value: null });
    expect(main.notifications().map((n) => n.options)).toMatchObject([{ title: 'Callback due', body: 'Dana · Refund' }]);
    expect(await remind?.(sender, [{ ...callback, noteId: 0 }])).toMatchObject({ ok: false });
    expect(main.notifications()).toHaveLength(1);
  });
});

describe('global shortcuts', () => {
  it('registers the stored shortcuts at start, re-registers on save, reports conflicts, releases all on quit', async () => {
    const main = await start({ keysTakenByOthers: ['Ctrl+Alt+Q'] });
    const window = await main.started();
    subscribe(main, window);
    const os = main.electron.globalShortcut;
    expect([...os.registered.keys()]).toContain('Ctrl+Alt+A');
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const save = main.electron.ipcMain.handlers.get('shortcuts:save');
    expect(await save?.(sender, [{ answer: 'Ctrl+Alt+Q', mute: '' }])).toMatchObject({
      ok: true,
      value: {
        bindings: { answer: 'Ctrl+Alt+Q', mute: '' },
        status: { answer: 'conflict', mute: 'disabled', hold: 'registered' },
      },
    });
    expect(os.registered.has('Ctrl+Alt+A')).toBe(false);
    expect(await save?.(sender, [{ hold: 'Ctrl+Alt+H' }])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    os.press('Ctrl+Alt+H');
    expect(pushed(window)).toEqual([{ type: 'command', command: 'hangup' }]);
    main.app.emit('will-quit');
    expect(os.registered.size).toBe(0);
  });
});

describe('window state', () => {
  it('reopens the window where the agent left it, maximized again, but not on a monitor that is gone', async () => {
    const first = await start();
    const dataDir = first.dataDir;
    const runs = [first];
    cleanUp(() => {
      for (const run of runs) run.releaseProcess();
      dataDir.remove();
    });
    const window = await first.started();
    expect(window.options).toMatchObject({ width: 1280, height: 800 });
    expect(window.options.x).toBeUndefined();
    window.bounds = { x: 200, y: 100, width: 1100, height: 700 };
    window.maximized = true;
    window.close();
    first.app.emit('will-quit');

    const second = await loadMain({ dataDir });
    runs.push(second);
    const reopened = await second.started();
    expect(reopened.options).toMatchObject({ x: 200, y: 100, width: 1100, height: 700, minWidth: 960 });
    expect(reopened.maximized).toBe(true);
    reopened.bounds = { x: -1800, y: 100, width: 1100, height: 700 };
    reopened.maximized = false;
    reopened.close();
    second.app.emit('will-quit');

    const undocked = await loadMain({ dataDir, workAreas: [{ x: 0, y: 0, width: 1920, height: 1050 }] });
    runs.push(undocked);
    const centred = await undocked.started();
    expect(centred.options.x).toBeUndefined();
    expect(centred.options).toMatchObject({ width: 1280, height: 800 });
    expect(centred.maximized).toBe(false);
    undocked.app.emit('will-quit');
  });
});

describe('error log', () => {
  it('writes renderer and main-process errors to a file in the user data folder, without credentials', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const logError = main.electron.ipcMain.handlers.get('log:error');
    expect(
      await logError?.(sender, [{ message: 'register failed: Authorization: Digest response="f00d"', source: 'phone' }]),
    ).toEqual({ ok: true, value: null });
    process.emit('unhandledRejection', new Error('password=hunter2 rejected'), Promise.resolve());
    const file = join(main.dataDir.path, 'logs', 'warmline.log');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('ERROR renderer: phone: register failed: Authorization: [redacted]');
    expect(text).toContain('ERROR main: unhandled promise rejection');
    expect(text).not.toMatch(/f00d|hunter2/);
  });

  it('says why it cannot start (a data file from a newer Warmline) instead of running without a window', async () => {
    const main = await start();
    const future = new Database(join(main.dataDir.path, 'warmline.sqlite'));
    future.pragma('user_version = 9990');
    future.close();
    main.app.ready();
    await vi.waitFor(() => expect(main.electron.dialog.showErrorBox).toHaveBeenCalled());
    expect(main.app.quit).toHaveBeenCalled();
    expect(main.windows).toHaveLength(0);
    expect(readFileSync(join(main.dataDir.path, 'logs', 'warmline.log'), 'utf8')).toContain('newer Warmline');
  });
});
