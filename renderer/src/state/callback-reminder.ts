import { t as translate } from '../i18n';
import type { Callback } from '../../../shared/history';
import type { HostApi } from '../host';

/**
 * How a callback coming due reaches the agent outside the window: in the desktop app, the shell's
 * OS notification (Electron gives its page no Web Notifications, so the page asks the host); in a
 * browser tab, a Web Notification.
 */
export function callbackReminder(host: Pick<HostApi, 'remindOfCallback'>, desktop: boolean): (callback: Callback) => void {
  return desktop ? (callback) => void host.remindOfCallback(callback) : remindOfCallback;
}

/**
 * The OS side of a callback coming due: a Web Notification where the page may show one (browser
 * mode, once the agent allowed notifications on their first click), so the reminder reaches an
 * agent working in another window. The in-app reminder is the home's due list. The text is the
 * customer's name or number and the start of the notes, as text; one notification per callback
 * (its tag), replaced if it comes due again after a snooze.
 */
export function remindOfCallback(callback: Callback): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const who = callback.name ?? callback.number ?? '';
  const notes = callback.notes.length > 100 ? `${callback.notes.slice(0, 100)}…` : callback.notes;
  const notification = new Notification(translate('callbacks.notification'), {
    body: [who, notes].filter(Boolean).join(' · '),
    tag: `callback-${callback.noteId}`,
  });
  notification.onclick = () => window.focus();
}
