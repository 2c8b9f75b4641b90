/** Ctrl+Enter, or Cmd+Enter on a Mac: Send, from the message field. */
export function isSendShortcut(e: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean; readonly shiftKey: boolean; readonly nativeEvent?: { readonly isComposing?: boolean } }): boolean {
  // An input method still composing a character owns Enter.
  if (e.nativeEvent?.isComposing) return false;
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}
