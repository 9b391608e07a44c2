import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PROBE_SCRIPT } from '../../bench/app-vs-bare/probe';

/** The probe in a context with just what it touches: a peer connection class whose close() sets its state. */
function probeWindow(): { RTCPeerConnection: new () => { close(): void }; __bench: { peerConnections(): number } } {
  class PeerConnection {
    signalingState = 'stable';
    close(): void {
      this.signalingState = 'closed';
    }
  }
  class Observer {
    observe(): void {}
    disconnect(): void {}
  }
  const window: Record<string, unknown> = { RTCPeerConnection: PeerConnection, addEventListener: () => {} };
  runInNewContext(PROBE_SCRIPT, {
    window,
    document: { querySelector: () => null },
    performance: { timeOrigin: 0, now: () => 0 },
    MutationObserver: Observer,
    Element: class {},
  });
  return window as unknown as ReturnType<typeof probeWindow>;
}

describe('the app-vs-bare probe', () => {
  it('lets closed peer connections go although no click on Answer started its poll (the heap loop)', () => {
    const window = probeWindow();
    for (let call = 0; call < 10; call += 1) new window.RTCPeerConnection().close();
    // Kept every call's before: the heap loop's pages held 100 closed connections after 100 calls.
    expect(window.__bench.peerConnections()).toBeLessThanOrEqual(1);
  });

  it('keeps the live ones', () => {
    const window = probeWindow();
    new window.RTCPeerConnection().close();
    const live = [new window.RTCPeerConnection(), new window.RTCPeerConnection()];
    expect(live).toHaveLength(2);
    expect(window.__bench.peerConnections()).toBe(2);
  });
});
