import type { HostCommandName } from './event-guard';

// The shortcuts' rules without their zod schemas (shortcuts.ts): the renderer's start code builds
// its keymap from these, and a schema built at import would cost every start (issue 19).

/** What a global shortcut can do: the call controls an agent reaches for while another app has focus. */
export const SHORTCUT_ACTIONS = ['answer', 'hangup', 'mute', 'hold', 'escalate'] as const satisfies readonly HostCommandName[];
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

/** Control+Alt rather than Command on macOS, where Command+Option+H and +M already hide and minimise. */
export const DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  answer: 'Ctrl+Alt+A',
  hangup: 'Ctrl+Alt+H',
  mute: 'Ctrl+Alt+M',
  hold: 'Ctrl+Alt+P',
  escalate: 'Ctrl+Alt+E',
};

const MODIFIERS: Readonly<Record<string, string>> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  // On Windows and Linux this is Control, so it is compared as Control: two bindings must not collide anywhere.
  commandorcontrol: 'Control',
  cmdorctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = [
  'plus',
  'space',
  'tab',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'printscreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
/** Keys nobody types: fine as a global shortcut on their own (a headset's or keyboard's call buttons). */
const STANDALONE_KEYS = /^(f1[3-9]|f2[0-4]|mediaplaypause|medianexttrack|mediaprevioustrack|mediastop|volumemute)$/;
const MEDIA_KEYS = [
  'mediaplaypause',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'volumeup',
  'volumedown',
  'volumemute',
];

function isKey(token: string): boolean {
  const t = token.toLowerCase();
  return (
    /^[a-z0-9]$/.test(t) ||
    /^f([1-9]|1\d|2[0-4])$/.test(t) ||
    /^[)!@#$%^&*(:;=<,_\->.?/~`{\]|[}"']$/.test(t) ||
    NAMED_KEYS.includes(t) ||
    MEDIA_KEYS.includes(t)
  );
}

/**
 * An Electron accelerator in one canonical spelling (`Alt+Control+A`), or undefined when it is
 * not one we accept: exactly one key, known modifiers once each, and a modifier other than Shift
 * unless the key is one nobody types, so a global shortcut never swallows ordinary typing.
 */
export function canonicalAccelerator(raw: string): string | undefined {
  if (raw.length > 64 || /\s/.test(raw)) return undefined;
  const tokens = raw.split('+');
  // `Ctrl+Alt+Plus` is the spelling for +; a bare trailing `+` leaves an empty token.
  if (tokens.some((t) => t === '')) return undefined;
  const key = tokens.pop() ?? '';
  const modifiers = tokens.map((t) => MODIFIERS[t.toLowerCase()]);
  if (!isKey(key) || modifiers.some((m) => m === undefined) || new Set(modifiers).size !== modifiers.length) return undefined;
  const meaningful = modifiers.filter((m) => m !== 'Shift');
  if (meaningful.length === 0 && !STANDALONE_KEYS.test(key.toLowerCase())) return undefined;
  const canonicalKey = key.length === 1 ? key.toUpperCase() : key.toLowerCase();
  return [...(modifiers as string[]).sort(), canonicalKey].join('+');
}

export type ShortcutBindings = Readonly<Record<ShortcutAction, string>>;

export const SHORTCUT_VALIDATION = { accelerator: 'accelerator', duplicate: 'duplicateShortcut' } as const;

/**
 * Per action: `registered` (works system-wide), `conflict` (another application holds that key),
 * `disabled` (no key set), `in-window` (browser mode: no global shortcuts, the page handles keys).
 */
export const SHORTCUT_STATUSES = ['registered', 'conflict', 'disabled', 'in-window'] as const;
export type ShortcutStatus = (typeof SHORTCUT_STATUSES)[number];

/**
 * Every action an agent can take by key while Warmline has focus, in the order the shortcut sheet
 * lists them. The global actions keep the agent's own bindings (the host registers those
 * system-wide); the others are fixed here, on Control+Alt like the global defaults, so none of
 * them fires while the agent types notes.
 */
export const WINDOW_ACTIONS = [
  'answer',
  'decline',
  'hold',
  'mute',
  'keypad',
  'escalate',
  'hangup',
  'phrases',
  'complete-transfer',
  'three-way',
  'swap',
  'cancel-consult',
  'back-to-customer',
  'ready',
  'extend',
  'available',
  'break',
  'dial',
  'phone',
  'history',
  'settings',
  'shortcuts',
] as const satisfies readonly string[];
export type WindowAction = (typeof WINDOW_ACTIONS)[number];
export type WindowKeymap = Readonly<Record<WindowAction, string>>;

/** A bare key, no modifier: only for the sheet, and only honoured outside text fields. */
export const SHORTCUT_SHEET_KEY = '?';

export const WINDOW_ONLY_SHORTCUTS: Readonly<Record<Exclude<WindowAction, ShortcutAction>, string>> = {
  decline: 'Ctrl+Alt+D',
  keypad: 'Ctrl+Alt+K',
  // "What to say": focus lands in the assistant's phrase list, where 1–9 use a phrase.
  phrases: 'Ctrl+Alt+W',
  'complete-transfer': 'Ctrl+Alt+T',
  'three-way': 'Ctrl+Alt+J',
  swap: 'Ctrl+Alt+S',
  'cancel-consult': 'Ctrl+Alt+C',
  'back-to-customer': 'Ctrl+Alt+G',
  ready: 'Ctrl+Alt+R',
  extend: 'Ctrl+Alt+X',
  available: 'Ctrl+Alt+V',
  break: 'Ctrl+Alt+B',
  dial: 'Ctrl+Alt+N',
  phone: 'Ctrl+Alt+1',
  history: 'Ctrl+Alt+2',
  settings: 'Ctrl+Alt+3',
  shortcuts: SHORTCUT_SHEET_KEY,
};

export const isGlobalAction = (action: WindowAction): action is ShortcutAction =>
  (SHORTCUT_ACTIONS as readonly string[]).includes(action);

/**
 * The whole in-window keymap for the agent's global bindings. A window-only shortcut on a key the
 * agent gave a global action is dropped (''): the agent's own choice wins, and one key never does two things.
 */
export function windowKeymap(bindings: ShortcutBindings = DEFAULT_SHORTCUTS): WindowKeymap {
  const taken = new Set(SHORTCUT_ACTIONS.map((a) => canonicalAccelerator(bindings[a])).filter((c) => c !== undefined));
  const entries = WINDOW_ACTIONS.map((action): [WindowAction, string] => {
    if (isGlobalAction(action)) return [action, bindings[action]];
    const accelerator = WINDOW_ONLY_SHORTCUTS[action];
    const canonical = canonicalAccelerator(accelerator);
    return [action, canonical !== undefined && taken.has(canonical) ? '' : accelerator];
  });
  return Object.fromEntries(entries) as Record<WindowAction, string>;
}

/** WAI-ARIA's `aria-keyshortcuts` spelling of an accelerator: `Control+Alt+P`; '' when there is none. */
export function ariaKeyShortcuts(accelerator: string): string {
  if (accelerator === '') return '';
  return accelerator
    .split('+')
    .map((part) => {
      const p = part.toLowerCase();
      if (p === 'ctrl' || p === 'control' || p === 'cmdorctrl' || p === 'commandorcontrol') return 'Control';
      if (p === 'cmd' || p === 'command' || p === 'super') return 'Meta';
      if (p === 'option') return 'Alt';
      if (p === 'plus') return 'Plus';
      if (p === 'space') return 'Space';
      if (p === 'esc') return 'Escape';
      return part.length === 1 ? part.toUpperCase() : part[0]?.toUpperCase() + part.slice(1);
    })
    .join('+');
}
