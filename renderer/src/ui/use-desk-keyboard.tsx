import { useTranslation } from '../i18n';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { isGlobalAction, windowKeymap, type WindowAction, type WindowKeymap } from '../../../shared/host-api/keymap';
import type { ShortcutsView } from '../../../shared/host-api/shortcuts';
import type { HostApi } from '../host';
import { runCommand } from '../state/host-bridge';
import type { PhoneStore } from '../state/phone-store';
import { decorateShortcutTargets, keepFocus, triggerShortcutTarget, UNAVAILABLE_ATTRIBUTE } from './shortcut-targets';
import { ShortcutSheet } from './lazy-views';
import { useShortcutKeys } from './use-shortcut-keys';

export type DeskView = 'phone' | 'history' | 'settings';

/** Actions that are about the phone screen: a key pressed in History or Settings brings the phone back first. */
const AWAY_FROM_PHONE: readonly WindowAction[] = ['available', 'break', 'phone', 'history', 'settings', 'shortcuts'];

export interface DeskKeyboard {
  readonly keymap: WindowKeymap;
  readonly openSheet: () => void;
  /** The shortcut sheet while it is open. */
  readonly sheet: ReactNode;
}

/**
 * The whole keyboard of the desk: the keymap (the agent's global bindings from the host plus the
 * window-only keys), keys → actions, tooltips and aria-keyshortcuts on the controls, the sheet,
 * and focus kept on the call after call events.
 */
export function useDeskKeyboard(
  host: HostApi,
  store: PhoneStore,
  view: DeskView,
  setView: (view: DeskView) => void,
  root: RefObject<HTMLElement | null>,
  /** A call rings: the sheet (a modal dialog, the page behind it inert) gives way to it. */
  ringing = false,
): DeskKeyboard {
  const { t } = useTranslation();
  const [shortcuts, setShortcuts] = useState<ShortcutsView | undefined>();
  const [sheetOpen, setSheetOpen] = useState(false);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    let live = true;
    void host.getShortcuts().then((result) => {
      if (live && result.ok) setShortcuts(result.value);
    });
    return () => {
      live = false;
    };
  }, [host]);
  const keymap = useMemo(() => windowKeymap(shortcuts?.bindings), [shortcuts]);

  const openSheet = useCallback(() => {
    opener.current = document.activeElement;
    setSheetOpen(true);
  }, []);
  if (ringing && sheetOpen) setSheetOpen(false);
  const closeSheet = useCallback(() => {
    setSheetOpen(false);
    const back = opener.current;
    if (back instanceof HTMLElement && back.isConnected) requestAnimationFrame(() => back.focus());
  }, []);

  const run = (action: WindowAction) => {
    if (action === 'shortcuts') return sheetOpen ? closeSheet() : openSheet();
    if (sheetOpen) return;
    if (isGlobalAction(action)) {
      // Registered system-wide, the host already carried it out (and sent us the command).
      if (shortcuts?.status[action] === 'registered') return;
      if (view !== 'phone') setView('phone');
      return runCommand(store, { type: 'command', command: action });
    }
    const scope = root.current ?? document;
    if (triggerShortcutTarget(scope, action) || AWAY_FROM_PHONE.includes(action) || view === 'phone') return;
    setView('phone');
    requestAnimationFrame(() => requestAnimationFrame(() => triggerShortcutTarget(scope, action)));
  };
  useShortcutKeys(keymap, run);

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const decorate = () => decorateShortcutTargets(element, keymap, (keys) => t('shortcuts.hint', { keys }));
    decorate();
    const observer = new MutationObserver(decorate);
    observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: [UNAVAILABLE_ATTRIBUTE] });
    return () => observer.disconnect();
  }, [keymap, t, root]);

  useEffect(() => {
    const element = root.current;
    return element ? keepFocus(element) : undefined;
  }, [root]);

  return {
    keymap,
    openSheet,
    sheet: sheetOpen && !ringing ? <ShortcutSheet keymap={keymap} onClose={closeSheet} /> : null,
  };
}
