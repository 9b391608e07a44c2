import { DEFAULT_SHORTCUTS, SHORTCUT_ACTIONS, type ShortcutAction } from '../../../shared/host-api/shortcuts';

/** The parts of a key event a shortcut is matched on (a KeyboardEvent has them all). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

/**
 * Matches a key press against accelerators like "Ctrl+Alt+A" (Electron's syntax, the same
 * bindings the desktop app registers globally). Browser mode has no global shortcuts, so the
 * same actions work while the Warmline tab has focus.
 */
export function shortcutFor(
  press: KeyPress,
  bindings: Readonly<Record<ShortcutAction, string>> = DEFAULT_SHORTCUTS,
): ShortcutAction | undefined {
  return SHORTCUT_ACTIONS.find((action) => matches(press, bindings[action]));
}

function matches(press: KeyPress, accelerator: string): boolean {
  if (accelerator === '') return false;
  const parts = accelerator.split('+').map((p) => p.trim().toLowerCase());
  const key = parts.pop() ?? '';
  const want = new Set(parts);
  const ctrl = want.has('ctrl') || want.has('control') || want.has('cmdorctrl') || want.has('commandorcontrol');
  const meta = want.has('cmd') || want.has('command') || want.has('super') || want.has('meta');
  return (
    press.ctrlKey === ctrl &&
    press.metaKey === meta &&
    press.altKey === (want.has('alt') || want.has('option')) &&
    press.shiftKey === want.has('shift') &&
    keyName(press.key) === key
  );
}

/** KeyboardEvent.key spells some keys differently from accelerators. */
function keyName(key: string): string {
  if (key === ' ') return 'space';
  if (key === '+') return 'plus';
  return key.toLowerCase();
}
