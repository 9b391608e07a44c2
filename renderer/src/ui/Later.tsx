import { useEffect, useState, type ReactNode } from 'react';

type PostTask = (
  task: () => void,
  options: { readonly priority: 'background'; readonly signal: AbortSignal },
) => Promise<unknown>;

/**
 * Runs `task` in a background task (`scheduler.postTask`; a timer where that is missing), not a
 * timer or an idle callback: a page clock stopped by a test does not hold it back. Returns a cancel.
 */
function inBackground(task: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (!scheduler?.postTask) {
    const timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  const aborted = new AbortController();
  scheduler.postTask(task, { priority: 'background', signal: aborted.signal }).catch(() => undefined);
  return () => aborted.abort();
}

/**
 * False in the commit in which `key` (a call, say) appears, true from a background task after it:
 * for what a call shows beyond its card and controls (the assist sidebar, the screen pop, the live
 * microphone meter, the home beside it), so the card paints at once and the task that took the
 * ACK ends sooner while the call's audio starts (issue 19, answer → audio).
 */
export function useLaterFor<K>(key: K): boolean {
  const [done, setDone] = useState<{ readonly key: K }>();
  useEffect(() => inBackground(() => setDone({ key })), [key]);
  return done !== undefined && Object.is(done.key, key);
}

/** Its children from a background task after it mounts (see useLaterFor); `until` stands in meanwhile. */
export function Later({ children, until = null }: { readonly children: ReactNode; readonly until?: ReactNode }) {
  return useLaterFor(undefined) ? children : until;
}
