import { describe, expect, it } from 'vitest';
import { isAtBottom, onThreadChange } from './scroll-model';

describe('the thread follows the newest message', () => {
  it('counts a few pixels from the bottom as the bottom', () => {
    expect(isAtBottom({ scrollTop: 500, scrollHeight: 900, clientHeight: 400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 460, scrollHeight: 900, clientHeight: 400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 300, scrollHeight: 900, clientHeight: 400 })).toBe(false);
  });

  it('opens at the newest message', () => {
    expect(onThreadChange({ firstLoad: true, added: 12, wasAtBottom: false, ownSend: false })).toBe('scroll');
  });

  it('follows an arrival at the bottom, and says so with a button when the agent scrolled up to read', () => {
    expect(onThreadChange({ firstLoad: false, added: 1, wasAtBottom: true, ownSend: false })).toBe('scroll');
    expect(onThreadChange({ firstLoad: false, added: 1, wasAtBottom: false, ownSend: false })).toBe('show-button');
  });

  it('shows the agent’s own message even when scrolled up, and does nothing when only a status changed', () => {
    expect(onThreadChange({ firstLoad: false, added: 1, wasAtBottom: false, ownSend: true })).toBe('scroll');
    expect(onThreadChange({ firstLoad: false, added: 0, wasAtBottom: false, ownSend: false })).toBe('stay');
  });
});
