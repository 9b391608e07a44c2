import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { HOST_CHANNELS, HOST_EVENT_SUBSCRIBE_CHANNEL, HOST_METHODS } from '../../shared/host-api/channels';
import type { Result } from '../../shared/result';
import type { Dispatch } from '../services/host-api/dispatcher';
import type { HostEventOutlet } from './host-events';
import { isAppUrl } from './security';

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: 'Request from an unknown page.' } };

/**
 * Registers one handler per HostApi channel. Before a payload is even parsed, the sender must be
 * the main frame of the app's own window showing the app's own page (VS Code's validatedIpcMain).
 */
export function registerHostIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  appContents: () => WebContents | undefined,
  appUrl: string,
) {
  for (const method of HOST_METHODS) {
    ipcMain.handle(HOST_CHANNELS[method], (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrustedSender(event, appContents(), appUrl)) return FORBIDDEN;
      return dispatch(method, args);
    });
  }
}

/** The page asks for host events; only the app's own main frame may, like every HostApi call. */
export function registerHostEventIpc(
  ipcMain: Pick<IpcMain, 'on'>,
  outlet: HostEventOutlet,
  appContents: () => WebContents | undefined,
  appUrl: string,
) {
  ipcMain.on(HOST_EVENT_SUBSCRIBE_CHANNEL, (event: IpcMainEvent) => {
    const app = appContents();
    if (app && isTrustedSender(event, app, appUrl)) outlet.listening(app);
  });
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  app: WebContents | undefined,
  appUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (!app || event.sender !== app || !frame) return false;
  return frame === app.mainFrame && isAppUrl(frame.url, appUrl);
}
