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

/**
 * The current time for a view that changes only at thresholds (a stage, a nudge): `step` says what
 * of a time the view shows, and the view renders again when that changes, not at every tick. Its
 * running times belong in TickingText (issue 19: CPU in call).
 */
export function useSteppedClock(step: (now: number) => unknown, running = true): number {
  useSyncExternalStore(running ? subscribe : still, () => step(now));
  return now;
}

/**
 * The current time, advancing once a second while `running`: it renders what calls it at every
 * tick, so only a small leaf (a consult, wrap-up or team timer) should; the phone screen never does.
 */
export const useClock = (running: boolean): number => useSteppedClock((at) => at, running);

export interface TickingTextProps {
  /** The text at a time: called once a second (only what it returns changes the page). */
  readonly text: (now: number) => string;
  readonly className?: string;
  readonly role?: string;
  readonly testId?: string;
  readonly id?: string;
  /** The element: a paragraph unless said. */
  readonly as?: 'p' | 'h3' | 'span';
}

/**
 * An element (a paragraph unless said) whose text follows the clock without React: each tick
 * writes its one text node, so a call's talk time costs no render and no commit a second (issue 19:
 * CPU in call). React renders the text at the clock's last tick, the same the tick wrote, so the
 * two never disagree (and a render outside the browser shows the text).
 */
export function TickingText({ text, className, role, testId, id, as: Tag = 'p' }: TickingTextProps): ReactNode {
  const element = useRef<HTMLParagraphElement & HTMLHeadingElement & HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const write = () => {
      const next = text(now);
      const node = element.current?.firstChild;
      // The text node's data, not the element's textContent: a new node would be a change of the
      // page's child list, which the focus keeper (keepFocus) answers with an animation frame and a
      // layout of its own, every second (issue 19: CPU in call).
      if (node instanceof Text && element.current?.childNodes.length === 1) {
        if (node.data !== next) node.data = next;
      } else if (element.current && element.current.textContent !== next) element.current.textContent = next;
    };
    // Subscribed first: starting the ticker sets `now`, so the first text is current.
    const unsubscribe = subscribe(write);
    write();
    return unsubscribe;
  }, [text]);
  return (
    <Tag ref={element} id={id} className={className} role={role} data-testid={testId}>
      {text(now)}
    </Tag>
  );
}
