import type { App, BrowserWindow } from 'electron';
import type { AgentStatus } from '../../shared/host-api/agent-status';

type HideableWindow = Pick<BrowserWindow, 'on' | 'hide'>;

/** Signed in means registered and taking (or able to take) calls: every state but offline. */
export const isSignedIn = (status: AgentStatus) => status.agentState.kind !== 'offline';

/**
 * While the agent is signed in, closing the window hides it to the tray instead of quitting: the
 * phone lives in the window's page, so closing it would drop the registration and the queue's
 * calls would ring nowhere. Signed out, closing quits as usual. An explicit quit (the tray's
 * Quit, Cmd+Q, the OS ending the session) is never turned into a hide. `onFirstHide` runs once,
 * so the agent learns where the window went.
 */
export function hideToTrayOnClose(
  app: Pick<App, 'on'>,
  window: HideableWindow,
  signedIn: () => boolean,
  onFirstHide: () => void,
): void {
  let quitting = false;
  let hiddenBefore = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  // Windows ends a session without `before-quit`; a prevented close there would hold up logging off.
  window.on('session-end', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting || !signedIn()) return;
    event.preventDefault();
    window.hide();
    if (!hiddenBefore) onFirstHide();
    hiddenBefore = true;
  });
}
