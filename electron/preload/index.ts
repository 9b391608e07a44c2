import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { HOST_CHANNELS, HOST_EVENT_CHANNEL, HOST_EVENT_SUBSCRIBE_CHANNEL, HOST_METHODS } from '../../shared/host-api/channels';
import { parseHostEvent, type HostEventListener, type Unsubscribe } from '../../shared/host-api/events';

/**
 * Host → page events: the listener gets the validated payload only. The IPC event object (which
 * carries `sender`, and with it a way to reach ipcRenderer) never crosses into the page.
 */
function onEvent(listener: HostEventListener): Unsubscribe {
  if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
  const receive = (_event: IpcRendererEvent, payload: unknown) => {
    const event = parseHostEvent(payload);
    if (event) listener(event);
  };
  ipcRenderer.on(HOST_EVENT_CHANNEL, receive);
  // Main holds dial links that arrived before the page was listening (a tel: link that launched the app).
  ipcRenderer.send(HOST_EVENT_SUBSCRIBE_CHANNEL);
  return () => void ipcRenderer.removeListener(HOST_EVENT_CHANNEL, receive);
}

/**
 * Exposes exactly the HostApi as named functions, each bound to its one channel, and `onEvent`.
 * The renderer never sees `ipcRenderer`, so it cannot send on any other channel.
 */
const api = Object.freeze({
  ...Object.fromEntries(
    HOST_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(HOST_CHANNELS[method], args)]),
  ),
  onEvent,
});

contextBridge.exposeInMainWorld('warmline', api);
