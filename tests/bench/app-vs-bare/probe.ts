/**
 * What the benchmark watches inside a page, the same for the app and the bare page, installed
 * before any of the page's own script runs. Plain JavaScript in a string: it is injected as it is,
 * not bundled. Times are `performance.timeOrigin + performance.now()` (comparable across pages of
 * one browser), `signedInAt` is `performance.now()` (milliseconds since the navigation started).
 *
 * - `signedInAt`: the registration line first reads "Signed in" (observed until then only);
 * - `ringAt`: after `armRing()`, a ringing card (`section.call-card.incoming`) is in the DOM;
 * - `clickAt`: a trusted click on its Answer button (capture phase, before the page's handler);
 * - `firstRtpAt`: after that click, the first inbound audio bytes on a live peer connection
 *   (getStats every millisecond; Chromium clamps that to about 4 ms, the same for both pages).
 */
export const PROBE_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); pcs.push(this); }
  };
  const bench = { signedInAt: undefined, ringAt: undefined, clickAt: undefined, firstRtpAt: undefined };
  window.__bench = bench;

  const signedIn = new MutationObserver(() => {
    const line = document.querySelector('[data-testid="registration"]');
    if (line && line.textContent.trim() === 'Signed in') {
      bench.signedInAt = performance.now();
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
    for (let i = pcs.length - 1; i >= 0; i -= 1) {
      if (pcs[i].signalingState === 'closed') pcs.splice(i, 1);
    }
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
