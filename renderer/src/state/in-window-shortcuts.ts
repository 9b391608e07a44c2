import { WINDOW_ACTIONS, windowKeymap, type WindowAction, type WindowKeymap } from '../../../shared/host-api/keymap';

/** The parts of a key event a shortcut is matched on (a KeyboardEvent has them all). */
export interface KeyPress {
  readonly key: string;
  /** The physical key (`KeyA`, `Digit1`); absent in some synthetic events. */
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

/**
 * Matches a key press against accelerators like "Ctrl+Alt+A" (Electron's syntax, the same
 * bindings the desktop app registers globally). A bare printable key (the sheet's `?`) matches
 * that character with no Control, Alt or Meta, whatever Shift it took to type it on this layout.
 */
export function shortcutFor(press: KeyPress, keymap: WindowKeymap = windowKeymap()): WindowAction | undefined {
  return WINDOW_ACTIONS.find((action) => matches(press, keymap[action]));
}

function matches(press: KeyPress, accelerator: string): boolean {
  if (accelerator === '') return false;
  const parts = accelerator.split('+').map((p) => p.trim().toLowerCase());
  const key = parts.pop() ?? '';
  if (parts.length === 0 && key.length === 1) return !press.ctrlKey && !press.altKey && !press.metaKey && press.key === key;
  const want = new Set(parts);
  const ctrl = want.has('ctrl') || want.has('control') || want.has('cmdorctrl') || want.has('commandorcontrol');
  const meta = want.has('cmd') || want.has('command') || want.has('super') || want.has('meta');
  return (
    press.ctrlKey === ctrl &&
    press.metaKey === meta &&
    press.altKey === (want.has('alt') || want.has('option')) &&
    press.shiftKey === want.has('shift') &&
    (keyName(press.key) === key || codeName(press.code) === key)
  );
}

/** KeyboardEvent.key spells some keys differently from accelerators. */
function keyName(key: string): string {
  if (key === ' ') return 'space';
  if (key === '+') return 'plus';
  return key.toLowerCase();
}

/**
 * Control+Alt is AltGr on Windows, so on a Danish or Polish layout Ctrl+Alt+E yields `€` or `ę` as
 * the key: the physical key still says which letter the agent pressed.
 */
function codeName(code: string | undefined): string | undefined {
  const match = code ? /^(?:Key([A-Z])|Digit(\d))$/.exec(code) : null;
  return match ? (match[1] ?? match[2] ?? '').toLowerCase() : undefined;
}
