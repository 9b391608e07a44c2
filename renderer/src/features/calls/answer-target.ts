/**
 * The Answer button of ringing call `callId` under `root`, to focus when the call appears. The selectors are the
 * same for every call: Chromium keeps each selector string a document has queried in a cache of up to 256, so a
 * selector naming the call id kept one more parsed selector alive per call (issue 19, heap snapshot diff).
 */
export function answerButtonOf(root: ParentNode, callId: string): HTMLElement | null {
  for (const card of root.querySelectorAll<HTMLElement>('[data-call-id]')) {
    if (card.getAttribute('data-call-id') === callId) return card.querySelector<HTMLElement>('[data-shortcut="answer"]');
  }
  return null;
}
