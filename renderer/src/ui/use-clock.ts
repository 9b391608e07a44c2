import { useSyncExternalStore, type ReactNode } from 'react';

// One ticker for every timer on screen (call, hold, consult, wrap-up, ringing, team, ACW): all of
// them advance in the same task, so React commits once a second, not once per clock (issue 19).
// It runs only while a component that needs it is on screen.
const TICK_MS = 1000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const still = () => () => {};
const current = () => now;

/** The current time, advancing once a second while `running`: for call, hold and wrap-up timers. */
export function useClock(running: boolean): number {
  return useSyncExternalStore(running ? subscribe : still, current);
}

/**
 * Re-renders only what it wraps when the clock ticks, not the screen around it: the container
 * keeps its props stable and passes the time down through this leaf.
 */
export function WithClock({
  running = true,
  children,
}: {
  readonly running?: boolean;
  readonly children: (now: number) => ReactNode;
}): ReactNode {
  return children(useClock(running));
}
