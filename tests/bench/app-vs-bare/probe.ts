/**
 * What the benchmark watches inside a page, the same for the app and the bare page, installed
 * before any of the page's own script runs. Plain JavaScript in a string: it is injected as it is,
 * not bundled. Times are `performance.timeOrigin + performance.now()` (comparable across pages of
 * one browser), `signedInAt` is `performance.now()` (milliseconds since the navigation started).
 *
 * - `signedInAt`: a registration line first reads "Signed in": the app's, or its start shell's before
 *   React mounts (issue 19; the bare page has only its own);
 * - `appSignedInAt`: the app's own registration line reads "Signed in" (React mounted; observed until then only);
 * - `ringAt`: after `armRing()`, a ringing card (`section.call-card.incoming`) is in the DOM;
 * - `clickAt`: a trusted click on its Answer button (capture phase, before the page's handler);
 * - `firstRtpAt`: after that click, the first inbound audio bytes on a live peer connection
 *   (getStats every millisecond; Chromium clamps that to about 4 ms, the same for both pages);
 * - `peerConnections()`: how many peer connections it holds (the live ones, and at most the last closed).
 */
export const PROBE_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const pcs = [];
  const prune = () => {
    for (let i = pcs.length - 1; i >= 0; i -= 1) {
      if (pcs[i].signalingState === 'closed') pcs.splice(i, 1);
    }
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    // Closed ones leave the list here too (close() fires no event): the poll below prunes only once a
    // click on Answer started it, and a page whose calls are not timed would keep every call's.
    constructor(...args) { super(...args); prune(); pcs.push(this); }
  };
  const bench = { signedInAt: undefined, appSignedInAt: undefined, ringAt: undefined, clickAt: undefined, firstRtpAt: undefined };
  bench.peerConnections = () => pcs.length;
  window.__bench = bench;

  const reads = (selector) => {
    const line = document.querySelector(selector);
    return line !== null && line.textContent.trim() === 'Signed in';
  };
  const signedIn = new MutationObserver(() => {
    if (bench.signedInAt === undefined && (reads('[data-testid="registration"]') || reads('[data-testid="start-registration"]'))) {
      bench.signedInAt = performance.now();
    }
    if (reads('[data-testid="registration"]')) {
      bench.appSignedInAt = performance.now();
      signedIn.disconnect();
    }
  });
  signedIn.observe(document, { childList: true, subtree: true, characterData: true });

  let ring;
  bench.armRing = () => {
    bench.ringAt = undefined;
    bench.clickAt = undefined;
    bench.firstRtpAt = undefined;
    ring = new MutationObserver(() => {
      if (document.querySelector('section.call-card.incoming')) {
        bench.ringAt = now();
        ring.disconnect();
      }
    });
    ring.observe(document.body, { childList: true, subtree: true });
  };

  const poll = async () => {
    prune();
    for (const pc of pcs) {
      const stats = await pc.getStats();
      for (const s of stats.values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'audio' && (s.bytesReceived || 0) > 0) {
          bench.firstRtpAt = now();
          return;
        }
      }
    }
    setTimeout(poll, 1);
  };
  window.addEventListener('click', (event) => {
    if (!event.isTrusted || bench.clickAt !== undefined) return;
    const target = event.target;
    if (!(target instanceof Element) || !target.closest('section.call-card.incoming button.answer')) return;
    bench.clickAt = now();
    void poll();
  }, true);
})();`;
