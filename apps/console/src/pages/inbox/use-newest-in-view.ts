import { type RefObject, useLayoutEffect, useRef } from 'react';

/** How close to the bottom (px) still counts as "reading the newest message". */
const NEAR_BOTTOM_PX = 80;

function isInView(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const scroller = element.closest('.thread-scroll');
  const bottom = scroller && scroller.scrollHeight > scroller.clientHeight ? scroller.getBoundingClientRect().bottom : window.innerHeight;
  return box.top < bottom + NEAR_BOTTOM_PX;
}

/**
 * Keeps the newest message in view, as chat tools do: the thread opens at its newest message, and a message that
 * arrives while the agent is at the bottom scrolls into view; one who scrolled up to read history stays where they are.
 */
export function useNewestInView(thread: RefObject<HTMLOListElement | null>, messageCount: number): void {
  const seen = useRef<{ count: number; lastWasInView: boolean } | null>(null);
  useLayoutEffect(() => {
    const last = thread.current?.lastElementChild;
    if (!last) return;
    const previous = seen.current;
    if (!previous || (messageCount > previous.count && previous.lastWasInView)) last.scrollIntoView({ block: 'end' });
    seen.current = { count: messageCount, lastWasInView: true };
  }, [thread, messageCount]);
  useLayoutEffect(() => {
    const list = thread.current;
    const scroller = list?.closest('.thread-scroll');
    const remember = () => {
      const last = list?.lastElementChild;
      if (seen.current && last) seen.current.lastWasInView = isInView(last);
    };
    scroller?.addEventListener('scroll', remember, { passive: true });
    window.addEventListener('scroll', remember, { passive: true });
    return () => {
      scroller?.removeEventListener('scroll', remember);
      window.removeEventListener('scroll', remember);
    };
  }, [thread]);
}
