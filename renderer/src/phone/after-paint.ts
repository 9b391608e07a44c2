/** How long a task waits for a frame that does not come (a hidden tab paints none). */
export const NO_FRAME_WAIT_MS = 500;

/**
 * Runs `task` once the frame the page is preparing has been painted: the next animation frame,
 * then a task after it (issue 19: what the phone starts once signed in waits until "Signed in" is
 * on screen). A page that paints no frame (hidden) runs it after NO_FRAME_WAIT_MS; outside a
 * page (no requestAnimationFrame), in the next task. Runs it once.
 */
export function afterPaint(task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, NO_FRAME_WAIT_MS);
}
