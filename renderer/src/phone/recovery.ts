import type { RTCSession } from 'jssip/lib/RTCSession';
import type { UA } from 'jssip/lib/UA';
import type { CallId, CallNetworkState, PhoneEvent } from './events';
import { hasTurnServer } from './ice';

/** Past this without recovery the agent is asked what to do (keep trying or hang up), never left in silence. */
export const RECOVERY_CHOICE_AFTER_MS = 15_000;
/**
 * ICE says `disconnected` after a couple of seconds without consent answers; a Wi-Fi hiccup heals
 * by itself within a second more, a changed address does not. Only then is the path restarted.
 */
export const ICE_GRACE_MS = 1_000;
/** A re-INVITE cannot start while another offer/answer is open (a hold): try again shortly. */
const REOFFER_RETRY_MS = 300;
/** How often the transport is checked for the restarted ICE session's first working pair. */
const PATH_CHECK_MS = 250;
/**
 * A restart that found no path by then is tried again (until the agent is asked): the browser learns
 * of a new interface a moment after the kernel, and a restart offered in between carries only the
 * loopback candidates (seen when the signalling came back within a second of the new link).
 */
const RESTART_AGAIN_MS = 3_000;

/** The part of JsSIP's Transport (UA#transport, untyped in its .d.ts) used to reconnect at once. */
interface Transport {
  connect(): void;
  disconnect(): void;
  isConnected(): boolean;
}

interface Watched {
  readonly id: CallId;
  readonly session: RTCSession;
  /** The WebSocket dropped during the call: the far end's requests cannot reach us until we re-INVITE. */
  signallingLost: boolean;
  /** ICE lost the path (a network change): only an ICE restart finds a new one. */
  mediaLost: boolean;
  stalled: boolean;
  /** ICE has worked at least once on this call; until then a failure means no path at all, not a lost one. */
  mediaConnected: boolean;
  /** ICE failed before it ever worked: set to whether a TURN server was configured. */
  neverConnected?: { readonly turn: boolean };
  reported: CallNetworkState | undefined;
  stallTimer?: ReturnType<typeof setTimeout>;
  graceTimer?: ReturnType<typeof setTimeout>;
  retryTimer?: ReturnType<typeof setTimeout>;
  pathTimer?: ReturnType<typeof setTimeout>;
  reoffering: boolean;
}

/**
 * Keeps established calls alive across a dropped WebSocket and a changed network (Browser-Phone
 * #615: a silent call after a network change). JsSIP ends only calls with a transaction open
 * when the transport drops; an established call lives on, but the proxy can reach us only over
 * the new connection, and the media path may be gone. So, for each call:
 *  - WebSocket lost: "reconnecting"; reconnect at once (not after JsSIP's backoff), then a
 *    re-INVITE, a target refresh (RFC 3261 §12.2) that tells the proxy our new connection
 *    (Kamailio's Contact alias, the lab's contact table).
 *  - ICE lost (or the OS says we are back online): "reconnecting-audio"; the old WebSocket is
 *    probably dead too (its address may be gone), so reconnect it, then re-INVITE with an ICE
 *    restart (RFC 8445 §9, fresh ufrag/pwd and candidates from the new path).
 *  - after RECOVERY_CHOICE_AFTER_MS without a new audio path: "stalled", the agent chooses.
 */
export class CallRecovery {
  readonly #emit: (event: PhoneEvent) => void;
  readonly #calls = new Map<CallId, Watched>();
  #ua: UA | undefined;
  #kicked = false;

  constructor(emit: (event: PhoneEvent) => void) {
    this.#emit = emit;
    globalThis.addEventListener?.('online', () => this.#restartAll());
  }

  /** Whether requests can go out now (a request sent while the WebSocket is down ends the call in JsSIP). */
  get signalling(): boolean {
    return this.#transport()?.isConnected() ?? false;
  }

  watchUa(ua: UA): void {
    this.#ua = ua;
    this.#kicked = false;
    ua.on('disconnected', () => this.#transportLost());
    // Not at 'connected': the REGISTER goes out then, and a server may route to us (or accept our
    // requests) only once it knows our new connection.
    ua.on('registered', () => this.#transportBack());
  }

  forgetUa(): void {
    this.#ua = undefined;
    for (const watched of this.#calls.values()) this.#clear(watched);
    this.#calls.clear();
  }

  watchCall(id: CallId, session: RTCSession): void {
    const watched: Watched = {
      id,
      session,
      signallingLost: false,
      mediaLost: false,
      stalled: false,
      mediaConnected: false,
      reported: undefined,
      reoffering: false,
    };
    this.#calls.set(id, watched);
    const watchPc = (pc: RTCPeerConnection): void => {
      pc.addEventListener('iceconnectionstatechange', () => this.#iceChanged(watched, pc));
      // Chromium reports ICE checks that all failed as iceConnectionState 'disconnected' and only
      // connectionState says 'failed'.
      pc.addEventListener('connectionstatechange', () => this.#iceChanged(watched, pc));
    };
    if (session.connection) watchPc(session.connection);
    session.on('peerconnection', ({ peerconnection }) => watchPc(peerconnection));
    const forget = (): void => {
      this.#clear(watched);
      this.#calls.delete(id);
    };
    session.on('ended', forget);
    session.on('failed', forget);
  }

  /** The agent chose to keep trying after a stall: reconnect and restart ICE again, with a fresh 15 s. */
  keepTrying(id: CallId): boolean {
    const watched = this.#calls.get(id);
    if (!watched?.stalled) return false;
    watched.stalled = false;
    watched.mediaLost = true;
    this.#update(watched);
    this.#reconnect();
    return true;
  }

  #transportLost(): void {
    const live = [...this.#calls.values()].filter((w) => w.session.isEstablished());
    for (const watched of live) {
      watched.signallingLost = true;
      this.#update(watched);
    }
    // JsSIP waits its backoff (seconds) before the first attempt; with a call up, try once at
    // once. Only once per outage, so a server that is really gone still gets the backoff.
    if (live.length > 0 && !this.#kicked) {
      this.#kicked = true;
      setTimeout(() => this.#transport()?.connect(), 0);
    }
  }

  #transportBack(): void {
    this.#kicked = false;
    for (const watched of this.#calls.values()) {
      if (watched.signallingLost || watched.mediaLost) this.#reoffer(watched);
    }
  }

  #iceChanged(watched: Watched, pc: RTCPeerConnection): void {
    const state = pc.iceConnectionState;
    if (state === 'connected' || state === 'completed') {
      watched.mediaConnected = true;
      clearTimeout(watched.graceTimer);
      watched.graceTimer = undefined;
      if (watched.mediaLost || watched.neverConnected) {
        watched.mediaLost = false;
        watched.neverConnected = undefined;
        this.#update(watched);
      }
      return;
    }
    if (!watched.session.isEstablished()) return;
    if (!watched.mediaConnected && (state === 'failed' || pc.connectionState === 'failed')) {
      // No candidate pair ever worked: nothing was lost that a restart on the same network could
      // find again. Say so, and what usually fixes it, instead of "reconnecting" for ever.
      if (watched.neverConnected) return;
      watched.neverConnected = { turn: hasTurnServer(pc.getConfiguration().iceServers) };
      this.#update(watched);
    } else if (state === 'disconnected' && !watched.mediaLost && watched.graceTimer === undefined) {
      watched.graceTimer = setTimeout(() => {
        watched.graceTimer = undefined;
        this.#mediaLost(watched);
      }, ICE_GRACE_MS);
    } else if (state === 'failed') {
      this.#mediaLost(watched);
    }
  }

  #mediaLost(watched: Watched): void {
    if (watched.mediaLost || watched.neverConnected || !watched.session.isEstablished()) return;
    watched.mediaLost = true;
    this.#update(watched);
    this.#reconnect();
  }

  /** The OS says the network is back (a new interface, a VPN up): every call restarts its path. */
  #restartAll(): void {
    const live = [...this.#calls.values()].filter((w) => w.session.isEstablished() && !w.neverConnected);
    for (const watched of live) {
      watched.mediaLost = true;
      this.#update(watched);
    }
    if (live.length > 0) this.#reconnect();
  }

  /** A fresh WebSocket from the current network; 'connected' then sends the re-INVITEs. */
  #reconnect(): void {
    const transport = this.#transport();
    if (!transport) return;
    // Dropping the WebSocket ends every call with a transaction open (JsSIP): not while a
    // recovery re-INVITE is on its way; that connection is new, so re-INVITE over it.
    if ([...this.#calls.values()].some((w) => w.reoffering)) {
      for (const watched of this.#calls.values()) if (watched.mediaLost) this.#reoffer(watched);
      return;
    }
    this.#kicked = true;
    transport.disconnect();
    transport.connect();
  }

  #reoffer(watched: Watched): void {
    clearTimeout(watched.retryTimer);
    if (watched.session.isEnded() || watched.reoffering || !this.signalling) return;
    const iceRestart = watched.mediaLost;
    const started = watched.session.renegotiate({ rtcOfferConstraints: { iceRestart } }, () => {
      watched.reoffering = false;
      watched.signallingLost = false;
      this.#update(watched);
      if (iceRestart) this.#awaitNewPath(watched);
    });
    if (started) watched.reoffering = true;
    else watched.retryTimer = setTimeout(() => this.#reoffer(watched), REOFFER_RETRY_MS);
  }

  /**
   * After an ICE restart Chromium may stay 'connected' throughout (the old pair was not declared
   * dead yet), so no state change says the new path works: the transport's selected pair does,
   * once its local candidate carries the restarted session's ufrag (W3C webrtc-stats).
   */
  #awaitNewPath(watched: Watched, since: number = Date.now()): void {
    clearTimeout(watched.pathTimer);
    const pc = watched.session.connection;
    if (!watched.mediaLost || !pc || watched.session.isEnded()) return;
    void pc.getStats().then((report) => {
      if (onRestartedPath(report)) {
        watched.mediaLost = false;
        this.#update(watched);
      } else if (Date.now() - since >= RESTART_AGAIN_MS && !watched.stalled) {
        this.#reoffer(watched);
      } else {
        watched.pathTimer = setTimeout(() => this.#awaitNewPath(watched, since), PATH_CHECK_MS);
      }
    });
  }

  #update(watched: Watched): void {
    if (watched.neverConnected) {
      const state = watched.neverConnected.turn ? 'no-audio' : 'no-audio-no-turn';
      if (state !== watched.reported) {
        watched.reported = state;
        this.#emit({ type: 'call-network', callId: watched.id, state });
      }
      return;
    }
    const trouble = watched.signallingLost || watched.mediaLost;
    // Only a lost audio path leads to the choice: while only the signalling is down the audio flows
    // on (the status bar counts the attempts), and "the call's audio has not come back" would be false.
    if (!watched.mediaLost) {
      clearTimeout(watched.stallTimer);
      watched.stallTimer = undefined;
      watched.stalled = false;
    } else if (watched.stallTimer === undefined && !watched.stalled) {
      watched.stallTimer = setTimeout(() => {
        watched.stallTimer = undefined;
        watched.stalled = true;
        this.#update(watched);
      }, RECOVERY_CHOICE_AFTER_MS);
    }
    const state: CallNetworkState | undefined = !trouble
      ? watched.reported && watched.reported !== 'recovered'
        ? 'recovered'
        : watched.reported
      : watched.stalled
        ? 'stalled'
        : watched.mediaLost
          ? 'reconnecting-audio'
          : 'reconnecting';
    if (state === undefined || state === watched.reported) return;
    watched.reported = state;
    this.#emit({ type: 'call-network', callId: watched.id, state });
  }

  #clear(watched: Watched): void {
    clearTimeout(watched.stallTimer);
    clearTimeout(watched.graceTimer);
    clearTimeout(watched.retryTimer);
    clearTimeout(watched.pathTimer);
  }

  #transport(): Transport | undefined {
    return (this.#ua as unknown as { transport?: Transport } | undefined)?.transport;
  }
}

/** The selected candidate pair works and belongs to the current ICE session (not the one before a restart). */
export function onRestartedPath(report: RTCStatsReport): boolean {
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((entry: Record<string, unknown>) => byId.set(String(entry['id']), entry));
  for (const entry of byId.values()) {
    if (entry['type'] !== 'transport' || (entry['iceState'] !== 'connected' && entry['iceState'] !== 'completed')) continue;
    const pair = byId.get(String(entry['selectedCandidatePairId']));
    const local = byId.get(String(pair?.['localCandidateId']));
    if (pair?.['state'] === 'succeeded' && local && local['usernameFragment'] === entry['iceLocalUsernameFragment']) return true;
  }
  return false;
}
