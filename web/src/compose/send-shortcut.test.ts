import { describe, expect, it } from 'vitest';
import { isSendShortcut } from './send-shortcut';

const key = (k: Partial<Parameters<typeof isSendShortcut>[0]>) => ({ key: 'Enter', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...k });

describe('Ctrl/Cmd+Enter sends', () => {
  it('is Ctrl+Enter or Cmd+Enter only', () => {
    expect(isSendShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSendShortcut(key({ metaKey: true }))).toBe(true);
    expect(isSendShortcut(key({}))).toBe(false);
    expect(isSendShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSendShortcut(key({ ctrlKey: true, key: 'a' }))).toBe(false);
  });
  it('leaves Enter to an input method composing a character', () => {
    expect(isSendShortcut({ ...key({ ctrlKey: true }), nativeEvent: { isComposing: true } })).toBe(false);
  });
});
