import { describe, expect, it } from 'vitest';
import {
  ariaKeyShortcuts,
  canonicalAccelerator,
  DEFAULT_SHORTCUTS,
  isGlobalAction,
  shortcutBindingsSchema,
  shortcutsPatchSchema,
  WINDOW_ACTIONS,
  WINDOW_ONLY_SHORTCUTS,
  windowKeymap,
} from './shortcuts';

describe('accelerators', () => {
  it('accepts Electron accelerators in any spelling and gives one canonical form', () => {
    expect(canonicalAccelerator('Ctrl+Alt+A')).toBe('Alt+Control+A');
    expect(canonicalAccelerator('alt+control+a')).toBe('Alt+Control+A');
    expect(canonicalAccelerator('CmdOrCtrl+Shift+F5')).toBe('Control+Shift+f5');
    expect(canonicalAccelerator('Option+Plus')).toBe('Alt+plus');
    expect(canonicalAccelerator('Super+Space')).toBe('Super+space');
    expect(canonicalAccelerator('F13')).toBe('f13');
    expect(canonicalAccelerator('MediaPlayPause')).toBe('mediaplaypause');
  });

  it('refuses what would swallow typing, unknown keys and malformed strings', () => {
    for (const bad of [
      'A',
      'Shift+A',
      'Enter',
      'F5',
      'Ctrl+',
      'Ctrl++',
      'Ctrl+Ctrl+A',
      'Hyper+A',
      'Ctrl+Alt+AB',
      'Ctrl+Alt+Ä',
      '',
      'Ctrl+Alt+A\n',
    ]) {
      expect(canonicalAccelerator(bad)).toBeUndefined();
    }
    expect(canonicalAccelerator(`Ctrl+${'Alt+'.repeat(20)}A`)).toBeUndefined();
  });
});

describe('shortcut bindings', () => {
  it('defaults to Ctrl+Alt and a letter per call control', () => {
    expect(shortcutBindingsSchema.parse(DEFAULT_SHORTCUTS)).toEqual(DEFAULT_SHORTCUTS);
  });

  it('refuses one key for two actions, however it is spelled, naming the second field', () => {
    const result = shortcutBindingsSchema.safeParse({ ...DEFAULT_SHORTCUTS, mute: 'control+alt+a' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['mute'], message: 'duplicateShortcut' });
  });

  it('lets a shortcut be switched off, and refuses unknown actions', () => {
    expect(shortcutsPatchSchema.parse({ escalate: '' })).toEqual({ escalate: '' });
    expect(shortcutsPatchSchema.safeParse({ transfer: 'Ctrl+Alt+T' }).success).toBe(false);
    expect(shortcutsPatchSchema.safeParse({ answer: 'A' }).error?.issues[0]?.message).toBe('accelerator');
  });
});

describe('the in-window keymap', () => {
  it('has a key for every action, and no key twice', () => {
    const keymap = windowKeymap();
    for (const action of WINDOW_ACTIONS) expect(keymap[action], action).not.toBe('');
    const keys = WINDOW_ACTIONS.map((a) => canonicalAccelerator(keymap[a]) ?? keymap[a]);
    expect(new Set(keys).size).toBe(WINDOW_ACTIONS.length);
  });

  it('uses the agent’s global bindings, the same ones the host registers', () => {
    const keymap = windowKeymap({ ...DEFAULT_SHORTCUTS, hold: 'Alt+F9' });
    expect(keymap.hold).toBe('Alt+F9');
    expect(keymap.answer).toBe(DEFAULT_SHORTCUTS.answer);
    expect(isGlobalAction('hold')).toBe(true);
    expect(isGlobalAction('ready')).toBe(false);
  });

  it('drops a window-only key the agent gave to a global action, in any spelling', () => {
    const keymap = windowKeymap({ ...DEFAULT_SHORTCUTS, hangup: 'alt+control+d' });
    expect(keymap.hangup).toBe('alt+control+d');
    expect(keymap.decline).toBe('');
    expect(keymap.keypad).toBe(WINDOW_ONLY_SHORTCUTS.keypad);
  });

  it('spells accelerators the way aria-keyshortcuts wants them', () => {
    expect(ariaKeyShortcuts('Ctrl+Alt+P')).toBe('Control+Alt+P');
    expect(ariaKeyShortcuts('CmdOrCtrl+Shift+space')).toBe('Control+Shift+Space');
    expect(ariaKeyShortcuts('Ctrl+Alt+1')).toBe('Control+Alt+1');
    expect(ariaKeyShortcuts('?')).toBe('?');
    expect(ariaKeyShortcuts('')).toBe('');
  });
});
