import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS, windowKeymap } from '../../../shared/host-api/shortcuts';
import { shortcutFor } from './in-window-shortcuts';

const press = (
  key: string,
  mods: Partial<{ code: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});
const ctrlAlt = { ctrlKey: true, altKey: true };

describe('in-window shortcuts', () => {
  it('maps the default bindings to their actions', () => {
    expect(shortcutFor(press('a', ctrlAlt))).toBe('answer');
    expect(shortcutFor(press('H', ctrlAlt))).toBe('hangup');
    expect(shortcutFor(press('e', ctrlAlt))).toBe('escalate');
    expect(shortcutFor(press('r', ctrlAlt))).toBe('ready');
    expect(shortcutFor(press('2', ctrlAlt))).toBe('history');
  });

  it('ignores plain typing and other modifier combinations', () => {
    expect(shortcutFor(press('a'))).toBeUndefined();
    expect(shortcutFor(press('a', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('a', { ...ctrlAlt, shiftKey: true }))).toBeUndefined();
  });

  it('opens the sheet on ? however the layout makes it, but not with Control or Alt', () => {
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('shortcuts');
    expect(shortcutFor(press('?'))).toBe('shortcuts');
    expect(shortcutFor(press('?', ctrlAlt))).toBeUndefined();
    expect(shortcutFor(press('/', { shiftKey: false }))).toBeUndefined();
  });

  it('finds the letter by its physical key where Control+Alt types another character (AltGr layouts)', () => {
    expect(shortcutFor(press('€', { ...ctrlAlt, code: 'KeyE' }))).toBe('escalate');
    expect(shortcutFor(press('@', { ...ctrlAlt, code: 'Digit2' }))).toBe('history');
  });

  it('follows the agent’s own global bindings', () => {
    const keymap = windowKeymap({ ...DEFAULT_SHORTCUTS, answer: 'Ctrl+Shift+Space', hangup: '' });
    expect(shortcutFor(press(' ', { ctrlKey: true, shiftKey: true }), keymap)).toBe('answer');
    expect(shortcutFor(press('a', ctrlAlt), keymap)).toBeUndefined();
    expect(shortcutFor(press('h', ctrlAlt), keymap)).toBeUndefined();
  });
});
