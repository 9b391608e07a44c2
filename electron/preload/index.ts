import { contextBridge, ipcRenderer } from 'electron';
import { HOST_CHANNELS, HOST_METHODS } from '../../shared/host-api/channels';

/**
 * Exposes exactly the HostApi as named functions, each bound to its one channel. The renderer
 * never sees `ipcRenderer`, so it cannot send on any other channel.
 */
const api = Object.freeze(
  Object.fromEntries(
    HOST_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(HOST_CHANNELS[method], args)]),
  ),
);

contextBridge.exposeInMainWorld('warmline', api);
