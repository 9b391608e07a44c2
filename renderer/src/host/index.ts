import type { HostApi, HostEventListener, Unsubscribe, WarmlineBridge } from '../../../shared/host-api';
import { takeEarlyHost } from './early-host';
import { createWebSocketHost, takeHostToken } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly warmline?: WarmlineBridge;
    /** Browser mode: the host socket `early-host.js` opened before the entry ran (taken once, ./early-host.ts). */
    warmlineEarlyHost?: unknown;
  }
}

export type { HostApi, HostEventListener, Unsubscribe };
export type { HostCommandEvent, HostEvent } from '../../../shared/host-api';

/** The HostApi plus the host's push events (tray, global shortcuts, notification buttons, tel: links). */
export interface RendererHost extends HostApi {
  /** Listen for host events; returns the function that stops listening. Payloads are validated. */
  onHostEvent(listener: HostEventListener): Unsubscribe;
}

/**
 * The renderer does not know which host it has: Electron's preload, or the web host's socket
 * (the one the page's early script opened, if it did).
 */
export function connectHost(): RendererHost {
  if (window.warmline) return fromPreload(window.warmline);
  return createWebSocketHost(window.location, takeHostToken(window), takeEarlyHost(window));
}

function fromPreload(bridge: WarmlineBridge): RendererHost {
  const { onEvent, ...methods } = bridge;
  return { ...methods, onHostEvent: (listener) => onEvent(listener) };
}
