import { useRef, useState, type RefObject } from 'react';

export interface ChosenItem<T> {
  /** The item the form below the list edits, null for a new one. */
  readonly editing: T | null;
  /** Replaces the item edited by its saved version, without moving the focus. */
  setEditing(item: T | null): void;
  /** Edit (an item) or Cancel (null): the form takes the keyboard. */
  edit(item: T | null): void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}

/** The item a list's Edit chose; the form is below the list, so choosing one takes the keyboard to its heading. */
export function useChosenItem<T>(): ChosenItem<T> {
  const [editing, setEditing] = useState<T | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const edit = (item: T | null) => {
    setEditing(item);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  return { editing, setEditing, edit, headingRef };
}
