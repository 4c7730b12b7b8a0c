import { type RefObject, useLayoutEffect, useRef } from 'react';

/** How close to the end (px) still counts as "reading the newest message". */
const NEAR_END_PX = 80;

/**
 * What scrolls the thread: its own pane on a desktop, the page on a phone (where the composer is pinned over the
 * page's bottom padding, so the page's end is just above the composer).
 */
function threadScroller(thread: HTMLElement) {
  const pane = thread.closest<HTMLElement>('.thread-scroll');
  if (pane && pane.scrollHeight > pane.clientHeight) {
    return { isAtEnd: () => pane.scrollTop + pane.clientHeight >= pane.scrollHeight - NEAR_END_PX, toEnd: () => pane.scrollTo({ top: pane.scrollHeight }) };
  }
  const page = document.documentElement;
  return { isAtEnd: () => window.scrollY + window.innerHeight >= page.scrollHeight - NEAR_END_PX, toEnd: () => window.scrollTo({ top: page.scrollHeight }) };
}

/**
 * Keeps the newest message in view, as chat tools do: the thread opens at its newest message, and a message that
 * arrives while the agent is at the end scrolls into view; one who scrolled up to read history stays where they are.
 */
export function useNewestInView(thread: RefObject<HTMLOListElement | null>, messageCount: number): void {
  const seen = useRef<{ count: number; wasAtEnd: boolean } | null>(null);
  useLayoutEffect(() => {
    const list = thread.current;
    if (!list || messageCount === 0) return;
    const previous = seen.current;
    if (!previous || (messageCount > previous.count && previous.wasAtEnd)) threadScroller(list).toEnd();
    seen.current = { count: messageCount, wasAtEnd: true };
  }, [thread, messageCount]);
  const hasThread = messageCount > 0;
  useLayoutEffect(() => {
    const list = thread.current;
    if (!list) return;
    const remember = () => {
      if (seen.current) seen.current.wasAtEnd = threadScroller(list).isAtEnd();
    };
    const pane = list.closest('.thread-scroll');
    pane?.addEventListener('scroll', remember, { passive: true });
    window.addEventListener('scroll', remember, { passive: true });
    // Images that load late, a header that grows (SLA badges) or room made for a taller composer must not push the
    // newest message out of view.
    const keepAtEnd = new ResizeObserver(() => {
      if (seen.current?.wasAtEnd) threadScroller(list).toEnd();
    });
    for (const element of [list, pane, list.closest('.conversation-pane')]) if (element) keepAtEnd.observe(element);
    return () => {
      pane?.removeEventListener('scroll', remember);
      window.removeEventListener('scroll', remember);
      keepAtEnd.disconnect();
    };
  }, [thread, hasThread]);
}
