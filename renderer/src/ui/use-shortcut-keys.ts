import { useEffect, useRef } from 'react';
import type { WindowAction, WindowKeymap } from '../../../shared/host-api/keymap';
import { shortcutFor } from '../state/in-window-shortcuts';

/** Where `?` is a character the agent types; phone numbers never hold one, so tel fields do not count. */
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'tel', 'button', 'submit'].includes(target.type)));

/**
 * The window's keyboard: shortcuts from the keymap run `onAction`, wherever focus is (they all
 * need Control+Alt), except the sheet's bare `?` while the agent types. Enter on a <select> in a
 * form submits it as Enter in a text field would, so a dialog's main action (Ready, Consult) is
 * Enter from any field but a textarea.
 */
export function useShortcutKeys(keymap: WindowKeymap, onAction: (action: WindowAction) => void): void {
  const latest = useRef({ keymap, onAction });
  useEffect(() => {
    latest.current = { keymap, onAction };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { target } = event;
      if (
        event.key === 'Enter' &&
        !event.ctrlKey &&
        !event.altKey &&
        !event.metaKey &&
        !event.shiftKey &&
        target instanceof HTMLSelectElement &&
        target.form
      ) {
        event.preventDefault();
        target.form.requestSubmit();
        return;
      }
      const action = shortcutFor(event, latest.current.keymap);
      if (!action || (action === 'shortcuts' && typingIn(target))) return;
      event.preventDefault();
      latest.current.onAction(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
