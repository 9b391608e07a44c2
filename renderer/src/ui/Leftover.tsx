import { useLayoutEffect, useRef, type ReactNode } from 'react';

/** Below this height what it holds is not worth a glance (a heading and a row): it is hidden instead. */
const MIN_HEIGHT_PX = 96;
/** Kept free under it, so its border does not touch the window's edge. */
const MARGIN_PX = 8;

/**
 * A place in a layout that takes no room of its own (its content is positioned over it, out of
 * the flow, so the parts around it never move) and shows its content from its top down to the
 * window's bottom, or to whatever follows its container, whichever comes first; when that is too
 * little, the content is hidden (`data-fits="false"`). For the agent's home beside a call
 * (issue 15): the team and the queues where the call's columns leave room, never below the fold.
 */
export function Leftover({ className, children }: { readonly className: string; readonly children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    const container = box?.parentElement;
    if (!box || !container) return;
    const scroller = box.closest<HTMLElement>('.content');
    const fit = () => {
      // Measured as laid out, not as scrolled: the content scrolls with the layout.
      const scrolled = scroller?.scrollTop ?? 0;
      let bottom = window.innerHeight;
      for (let next = container.nextElementSibling; next; next = next.nextElementSibling) {
        const position = getComputedStyle(next).position;
        if (position === 'fixed' || position === 'absolute' || next.getClientRects().length === 0) continue;
        bottom = Math.min(bottom, next.getBoundingClientRect().top + scrolled);
        break;
      }
      const room = Math.floor(bottom - (box.getBoundingClientRect().top + scrolled) - MARGIN_PX);
      box.style.setProperty('--leftover-height', `${Math.max(0, room)}px`);
      box.dataset.fits = String(room >= MIN_HEIGHT_PX);
    };
    // What moves the box or what follows it: the parts beside and above it (notes growing, a consult
    // bar, a notice above the call), their container and the window.
    const resized = new ResizeObserver(fit);
    const observe = () => {
      resized.disconnect();
      for (const el of [container, container.parentElement, ...container.children]) if (el && el !== box) resized.observe(el);
    };
    const mounted = new MutationObserver(() => {
      observe();
      fit();
    });
    mounted.observe(container, { childList: true });
    observe();
    window.addEventListener('resize', fit);
    fit();
    return () => {
      resized.disconnect();
      mounted.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, []);
  return (
    <div ref={ref} className={`leftover ${className}`} data-fits="false">
      {children}
    </div>
  );
}
