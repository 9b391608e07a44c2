import type { HostApi, HostEventListener, Unsubscribe, WarmlineBridge } from '../../../shared/host-api';
import { createWebSocketHost, takeHostToken } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly warmline?: WarmlineBridge;
  }
}

export type { HostApi, HostEventListener, Unsubscribe };
export type { HostCommandEvent, HostEvent } from '../../../shared/host-api';

/** The HostApi plus the host's push events (tray, global shortcuts, notification buttons, tel: links). */
export interface RendererHost extends HostApi {
  /** Listen for host events; returns the function that stops listening. Payloads are validated. */
  onHostEvent(listener: HostEventListener): Unsubscribe;
}

/** The renderer does not know which host it has: Electron's preload, or the web host's socket. */
export function connectHost(): RendererHost {
  return window.warmline ? fromPreload(window.warmline) : createWebSocketHost(window.location, takeHostToken(window));
}

function fromPreload(bridge: WarmlineBridge): RendererHost {
  const { onEvent, ...methods } = bridge;
  return { ...methods, onHostEvent: (listener) => onEvent(listener) };
}
