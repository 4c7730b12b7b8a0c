import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown as a modal while the component is mounted: the browser keeps focus inside and closes it on
 * Escape; when it goes, focus returns to whatever opened it.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => opener?.focus();
  }, []);
  return ref;
}
