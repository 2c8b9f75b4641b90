import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element when it appears: when a step of a form replaces the one that had focus, keyboard
 * and screen-reader users land at the start of the new step instead of on the page's body.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
