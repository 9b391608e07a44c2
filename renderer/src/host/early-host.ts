/**
 * The socket `renderer/public/early-host.js` opened before the entry module ran (browser mode,
 * issue 19), with the bootstrap asked for under EARLY_BOOTSTRAP_ID: the HostApi transport adopts
 * it instead of opening its own, so the bootstrap's round trip overlaps the entry's download and
 * compile. That script is a classic one, so it runs before the module graph is compiled; it is a
 * file of the page's origin (the CSP allows 'self' scripts), holds no secret and logs nothing:
 * it reads the token as `takeHostToken` does (the address's fragment, else this origin's storage)
 * and puts it only in the socket's address. It keeps the messages that arrive before it is taken
 * (64 at most: a flood closes the socket, which is then not adopted). Absent in Electron, without
 * a token, or when that script was not served; then the transport opens its own socket.
 */
export interface EarlyHostSocket {
  readonly socket: WebSocket;
  /** The messages that arrived before it was taken, in order (the bootstrap's answer among them, if here). */
  readonly received: readonly string[];
}

/** The id the early script asks for the bootstrap under; the transport numbers its own requests from 1. */
export const EARLY_BOOTSTRAP_ID = 0;

interface EarlyHostGlobal {
  take?: () => unknown;
}

/**
 * Takes the early socket, once: a second call (or a second transport) gets nothing, so there are
 * never two owners of the one bootstrap. A socket already closing or closed is not handed over.
 */
export function takeEarlyHost(win: { warmlineEarlyHost?: unknown }): EarlyHostSocket | undefined {
  const early = win.warmlineEarlyHost as EarlyHostGlobal | undefined;
  if (typeof early?.take !== 'function') {
    // Too late for that script (loaded async, it has not run yet): it sees this and opens nothing.
    if (early === undefined) win.warmlineEarlyHost = Object.freeze({});
    return undefined;
  }
  const taken = early.take() as Partial<EarlyHostSocket> | undefined;
  if (!taken || !(taken.socket instanceof WebSocket) || !Array.isArray(taken.received)) return undefined;
  if (taken.socket.readyState !== WebSocket.CONNECTING && taken.socket.readyState !== WebSocket.OPEN) return undefined;
  return { socket: taken.socket, received: taken.received.filter((m): m is string => typeof m === 'string') };
}
