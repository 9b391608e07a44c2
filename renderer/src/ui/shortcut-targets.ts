import { ariaKeyShortcuts, type WindowAction, type WindowKeymap } from '../../../shared/host-api/keymap';

/**
 * Controls say which action they perform with `data-shortcut="hold"`; this module is the one place
 * that turns the keymap into what the agent sees (a tooltip and `aria-keyshortcuts`) and into what
 * a key does (the same as clicking that control). A shortcut therefore does exactly what its
 * button does, and nothing while the button is absent or disabled.
 */
export const SHORTCUT_ATTRIBUTE = 'data-shortcut';
/**
 * Why a control is disabled now (e.g. "not while reconnecting"): its tooltip says that instead of
 * the key, which would do nothing. Set beside `disabled`; the tooltip follows when it changes.
 */
export const UNAVAILABLE_ATTRIBUTE = 'data-unavailable';

const isField = (el: Element) =>
  el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

function usable(el: HTMLElement): boolean {
  const disabled = (el as HTMLButtonElement).disabled === true || el.closest('fieldset:disabled') !== null;
  return el.isConnected && !disabled && el.getClientRects().length > 0;
}

/** Sets the tooltip and aria-keyshortcuts of every control that names an action; cheap when nothing changed. */
export function decorateShortcutTargets(root: ParentNode, keymap: WindowKeymap, hint: (keys: string) => string): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[${SHORTCUT_ATTRIBUTE}]`)) {
    const accelerator = keymap[el.getAttribute(SHORTCUT_ATTRIBUTE) as WindowAction] ?? '';
    const aria = ariaKeyShortcuts(accelerator);
    const title = el.getAttribute(UNAVAILABLE_ATTRIBUTE) || (accelerator === '' ? '' : hint(accelerator));
    if (el.getAttribute('aria-keyshortcuts') !== aria) {
      if (aria === '') el.removeAttribute('aria-keyshortcuts');
      else el.setAttribute('aria-keyshortcuts', aria);
    }
    if ((el.getAttribute('title') ?? '') !== title) {
      if (title === '') el.removeAttribute('title');
      else el.setAttribute('title', title);
    }
  }
}

/** Clicks the first usable control for `action` (focuses it when it is a field); false when there is none. */
export function triggerShortcutTarget(root: ParentNode, action: WindowAction): boolean {
  const target = [...root.querySelectorAll<HTMLElement>(`[${SHORTCUT_ATTRIBUTE}="${action}"]`)].find(usable);
  if (!target) return false;
  // A button is clicked where focus is: the agent typing notes keeps typing after Extend or Mute.
  if (isField(target)) target.focus();
  else target.click();
  return true;
}

/**
 * Where focus goes when a call event takes away the control that had it: the lowest
 * `data-focus-home` wins (1 ringing call, 2 wrap-up, 3 the call, 4 the dialer). A container with a
 * tabindex takes focus itself; otherwise its first usable field or button does.
 */
export function focusHome(root: ParentNode): HTMLElement | undefined {
  const homes = [...root.querySelectorAll<HTMLElement>('[data-focus-home]')]
    .filter((el) => el.getClientRects().length > 0)
    .sort((a, b) => Number(a.dataset.focusHome) - Number(b.dataset.focusHome));
  const home = homes[0];
  if (!home) return undefined;
  if (home.hasAttribute('tabindex')) return home;
  return [...home.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')].find(usable) ?? home;
}

/**
 * Keeps focus from falling to <body> after a call event: when the focused control is removed or
 * disabled (Answer once answered, Hang up once ended), or when nothing has focus and a new home
 * appears (a call rings, wrap-up starts), focus moves to the home. A click on empty space is left alone.
 */
export function keepFocus(root: HTMLElement, doc: Document = document): () => void {
  let last: HTMLElement | undefined;
  let lastHome: HTMLElement | undefined;
  const onFocusIn = (event: FocusEvent) => {
    if (event.target instanceof HTMLElement) last = event.target;
  };
  const check = () => {
    const home = focusHome(root);
    const homeChanged = home !== lastHome;
    lastHome = home;
    const active = doc.activeElement;
    if (active && active !== doc.body && active.isConnected) {
      if (!(active instanceof HTMLElement) || usable(active) || active.hasAttribute('tabindex')) return;
    }
    const lost = last !== undefined && (!last.isConnected || !usable(last));
    if (home && (lost || homeChanged)) {
      home.focus();
      last = home;
    }
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      check();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  root.addEventListener('focusin', onFocusIn);
  schedule();
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
