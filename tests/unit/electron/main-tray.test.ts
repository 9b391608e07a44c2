import { describe, expect, it, vi } from 'vitest';
import { loadMain } from './load-main';
import { pushed, subscribe, useMainProcess } from './main-harness';

const { start, cleanUp } = useMainProcess();

describe('the shell’s language', () => {
  it('tray and notifications follow the language the agent saves, and keep it after a restart', async () => {
    const first = await start();
    const dataDir = first.dataDir;
    const runs = [first];
    cleanUp(() => {
      for (const run of runs) run.releaseProcess();
      dataDir.remove();
    });
    const window = await first.started();
    subscribe(first, window);
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const handlers = first.electron.ipcMain.handlers;
    await handlers.get('agent:status:report')?.(sender, [{ agentState: { kind: 'available' } }]);
    expect(first.trays[0]!.tooltip).toBe('Warmline: Available');
    expect(await handlers.get('settings:save')?.(sender, [{ language: 'da' }])).toMatchObject({ ok: true });
    expect(first.trays[0]!.tooltip).toBe('Warmline: Ledig');
    first.trays[0]!.click('Frokost');
    expect(pushed(window)).toEqual([{ type: 'command', command: 'go-break', reason: 'lunch' }]);
    await handlers.get('agent:status:report')?.(sender, [
      { agentState: { kind: 'ringing' }, incomingCall: { callId: 'c-1', callerName: 'Ana', number: '', queue: 'Salg' } },
    ]);
    expect(first.notifications()[0]?.options.title).toBe('Indgående opkald: Salg');
    first.app.emit('will-quit');

    const second = await loadMain({ dataDir });
    runs.push(second);
    await second.started();
    await vi.waitFor(() => expect(second.trays[0]?.menu.at(-1)?.label).toBe('Afslut Warmline'));
    expect(second.trays[0]!.tooltip).toBe('Warmline: Offline');
    second.app.emit('will-quit');
  });
});

describe('hide to tray', () => {
  it('closing the window while signed in hides it to the tray; Show, a second launch and the Dock bring it back; Quit quits', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    window.visible = true;
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await main.electron.ipcMain.handlers.get('agent:status:report')?.(sender, [{ agentState: { kind: 'available' } }]);

    window.close();
    expect(window.closed).toBe(false);
    expect(window.visible).toBe(false);
    expect(main.app.quit).not.toHaveBeenCalled();
    expect(main.notifications().map((n) => n.options.title)).toEqual(['Warmline is still running']);
    expect(main.notifications()[0]!.options.body).toContain('“Quit Warmline”');

    main.trays[0]!.click('Show Warmline');
    expect(window.visible).toBe(true);
    window.close();
    expect(window.visible).toBe(false);
    // Told once per run, not at every close.
    expect(main.notifications()).toHaveLength(1);
    main.app.fire('second-instance', ['/opt/Warmline/warmline'], '/home/agent');
    expect(window.visible).toBe(true);
    window.close();
    main.app.fire('activate');
    expect(window.visible).toBe(true);

    main.trays[0]!.click('Quit Warmline');
    expect(main.app.quit).toHaveBeenCalled();
    expect(window.closed).toBe(true);
  });

  it('closing the window signed out closes it, so the app quits as usual', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const report = main.electron.ipcMain.handlers.get('agent:status:report');
    await report?.(sender, [{ agentState: { kind: 'break', breakReason: 'lunch' } }]);
    await report?.(sender, [{ agentState: { kind: 'offline' } }]);
    window.close();
    expect(window.closed).toBe(true);
    expect(main.notifications()).toHaveLength(0);
    expect(main.app.listenerCount('window-all-closed')).toBe(1);
  });

  it('lets the OS end the session (Windows log-off) even while signed in', async () => {
    const main = await start();
    const window = await main.started();
    subscribe(main, window);
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await main.electron.ipcMain.handlers.get('agent:status:report')?.(sender, [{ agentState: { kind: 'on-call' } }]);
    window.emit('session-end', {});
    window.close();
    expect(window.closed).toBe(true);
  });
});
