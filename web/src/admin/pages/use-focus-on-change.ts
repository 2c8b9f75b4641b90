import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element each time `key` changes after the first render: choosing Edit in a list puts keyboard
 * and screen-reader users on the form it filled, below the list, instead of leaving them on the button.
 */
export function useFocusOnChange<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [key]);
  return ref;
}
