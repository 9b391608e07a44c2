import { describe, expect, it } from 'vitest';
import { shortcutFor } from './in-window-shortcuts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('in-window shortcuts (browser mode)', () => {
  it('maps the default bindings to their actions', () => {
    expect(shortcutFor(press('a', { ctrlKey: true, altKey: true }))).toBe('answer');
    expect(shortcutFor(press('H', { ctrlKey: true, altKey: true }))).toBe('hangup');
    expect(shortcutFor(press('e', { ctrlKey: true, altKey: true }))).toBe('escalate');
  });

  it('ignores plain typing and other modifier combinations', () => {
    expect(shortcutFor(press('a'))).toBeUndefined();
    expect(shortcutFor(press('a', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('a', { ctrlKey: true, altKey: true, shiftKey: true }))).toBeUndefined();
  });

  it('follows the agent’s own bindings', () => {
    const bindings = { answer: 'Ctrl+Shift+Space', hangup: '', mute: 'Alt+M', hold: 'Alt+P', escalate: 'Alt+E' };
    expect(shortcutFor(press(' ', { ctrlKey: true, shiftKey: true }), bindings)).toBe('answer');
    expect(shortcutFor(press('h', { ctrlKey: true, altKey: true }), bindings)).toBeUndefined();
  });
});
