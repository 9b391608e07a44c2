import type { HostApi } from '../../../shared/host-api';
import { createWebSocketHost } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly warmline?: HostApi;
  }
}

export type { HostApi };

/** The renderer does not know which host it has: Electron's preload, or the web host's socket. */
export function connectHost(): HostApi {
  return window.warmline ?? createWebSocketHost(window.location);
}
