import { describe, expect, it, vi } from 'vitest';
import { createGlobalShortcuts } from '../../../electron/main/shortcuts';
import { DEFAULT_SHORTCUTS } from '../../../shared/host-api/shortcuts';
import { FakeGlobalShortcut } from './fake-electron';

describe('global shortcuts (globalShortcut doubled)', () => {
  it('registers each call control and pushes its command when pressed', () => {
    const os = new FakeGlobalShortcut();
    const push = vi.fn();
    const shortcuts = createGlobalShortcuts(os, push, () => {});
    expect(shortcuts.apply(DEFAULT_SHORTCUTS)).toEqual({
      answer: 'registered',
      hangup: 'registered',
      mute: 'registered',
      hold: 'registered',
      escalate: 'registered',
    });
    os.press('Ctrl+Alt+M');
    expect(push).toHaveBeenCalledWith({ type: 'command', command: 'mute' });
  });

  it('reports a key another application holds as a conflict, and a blank one as disabled', () => {
    const os = new FakeGlobalShortcut(['Ctrl+Alt+H']);
    const log = vi.fn();
    const status = createGlobalShortcuts(os, vi.fn(), log).apply({ ...DEFAULT_SHORTCUTS, escalate: '' });
    expect(status).toMatchObject({ hangup: 'conflict', escalate: 'disabled', answer: 'registered' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Ctrl+Alt+H'));
  });

  it('re-registers on change, releasing only its own keys, and releases all of them on quit', () => {
    const os = new FakeGlobalShortcut(['Ctrl+Alt+X']);
    const shortcuts = createGlobalShortcuts(os, vi.fn(), () => {});
    shortcuts.apply(DEFAULT_SHORTCUTS);
    shortcuts.apply({ ...DEFAULT_SHORTCUTS, answer: 'Ctrl+Alt+Z' });
    expect([...os.registered.keys()].sort()).toEqual(['Ctrl+Alt+E', 'Ctrl+Alt+H', 'Ctrl+Alt+M', 'Ctrl+Alt+P', 'Ctrl+Alt+Z']);
    shortcuts.unregisterAll();
    expect(os.registered.size).toBe(0);
    expect(os.takenByOthers).toEqual(['Ctrl+Alt+X']);
  });
});
