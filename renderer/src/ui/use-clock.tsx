import { useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';

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

export interface TickingTextProps {
  /** The text at a time: called once a second (only what it returns changes the page). */
  readonly text: (now: number) => string;
  readonly className?: string;
  readonly role?: string;
  readonly testId?: string;
}

/**
 * A paragraph whose text follows the clock without React: each tick writes its one text node, so
 * a call's talk time costs no render and no commit a second (issue 19: CPU in call). React renders
 * the element empty and never owns its text, so the two never disagree.
 */
export function TickingText({ text, className, role, testId }: TickingTextProps): ReactNode {
  const element = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const write = () => {
      const next = text(now);
      if (element.current && element.current.textContent !== next) element.current.textContent = next;
    };
    // Subscribed first: starting the ticker sets `now`, so the first text is current.
    const unsubscribe = subscribe(write);
    write();
    return unsubscribe;
  }, [text]);
  return <p ref={element} className={className} role={role} data-testid={testId} />;
}
