import { useTranslation } from '../i18n';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { WINDOW_ACTIONS, type WindowAction, type WindowKeymap } from '../../../shared/host-api/keymap';

/** Two tables side by side, so the whole sheet fits a 720-pixel-high window without scrolling. */
const SPLIT = WINDOW_ACTIONS.indexOf('ready');
const GROUPS: readonly (readonly ['call' | 'desk', readonly WindowAction[]])[] = [
  ['call', WINDOW_ACTIONS.slice(0, SPLIT)],
  ['desk', WINDOW_ACTIONS.slice(SPLIT)],
];

export interface ShortcutSheetProps {
  readonly keymap: WindowKeymap;
  readonly onClose: () => void;
}

/**
 * Tab and Shift+Tab cycle inside the dialog. A modal <dialog> makes the page behind it inert, but
 * Tab from its last control still leaves for the browser's own UI, and focus would be lost there.
 */
function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const focusable = [
    ...event.currentTarget.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]'),
  ].filter((el) => !el.hasAttribute('disabled') && el.tabIndex >= 0);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey ? active === first || !event.currentTarget.contains(active) : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

/**
 * Every action and its key. A modal <dialog>: the page behind is inert, Escape is `cancel`, and the
 * opener gives focus back to where it was.
 */
export function ShortcutSheet({ keymap, onClose }: ShortcutSheetProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="shortcut-sheet"
      aria-modal="true"
      aria-labelledby="shortcut-sheet-title"
      onKeyDown={trapTab}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcut-sheet-title">{t('shortcuts.title')}</h2>
      <p className="hint">{t('shortcuts.intro')}</p>
      <div className="shortcut-groups">
        {GROUPS.map(([group, actions]) => (
          <table key={group} className="shortcut-table">
            <caption>{t(`shortcuts.groups.${group}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shortcuts.action')}</th>
                <th scope="col">{t('shortcuts.keys')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action) => (
                <tr key={action} data-testid="shortcut-row">
                  <th scope="row">{t(`shortcuts.actions.${action}`)}</th>
                  <td>{keymap[action] === '' ? t('shortcuts.none') : <kbd>{keymap[action]}</kbd>}</td>
                </tr>
              ))}
              {/* Not a window shortcut: these keys work while focus is in the assistant's phrase list. */}
              {group === 'call' && (
                <tr>
                  <th scope="row">{t('assist.region')}</th>
                  <td>{t('assist.phrases.keyHint')}</td>
                </tr>
              )}
            </tbody>
          </table>
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
