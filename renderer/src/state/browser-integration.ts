import type { PhoneStore } from './phone-store';

/**
 * Browser mode's stand-in for the Electron shell's notifications: a ringing call raises a Web
 * Notification when the tab is hidden (permission is asked on the agent's first click, as browsers
 * require a gesture). The call-control shortcuts work in the window in both modes (ui/use-shortcut-keys).
 */
export function integrateWithBrowser(store: PhoneStore, win: Window = window): () => void {
  const askOnce = () => {
    if ('Notification' in win && Notification.permission === 'default') void Notification.requestPermission();
  };
  win.addEventListener('click', askOnce, { once: true });

  let notified: string | undefined;
  const stop = store.subscribe(() => {
    const offered = store.getSnapshot().calls.find((c) => c.call.phase === 'offered' && !c.info.replaces);
    if (!offered || offered.info.callId === notified) return;
    notified = offered.info.callId;
    if (!('Notification' in win) || Notification.permission !== 'granted' || !win.document.hidden) return;
    const caller = offered.info.remote.name ?? offered.info.remote.number;
    const notification = new Notification(`Warmline: ${caller}`, {
      body: offered.info.queue ? `${offered.info.remote.number} · ${offered.info.queue.name}` : offered.info.remote.number,
      tag: offered.info.callId,
    });
    notification.onclick = () => win.focus();
  });
  return () => {
    stop();
  };
}
