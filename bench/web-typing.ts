// Time from a key press to the credit counter showing the new figures, measured inside the page: keydown (capture),
// or beforeinput for characters typed without a key event, starts the clock, the counter's DOM mutation stops it, and the next animation frame after it gives the time to
// the frame that shows it.
import type { Page } from 'playwright-core';

export interface KeystrokeTimes {
  /** keydown → counter updated in the DOM, ms. */
  readonly update: readonly number[];
  /** keydown → the next animation frame after the update, ms. */
  readonly frame: readonly number[];
}

const INSTRUMENT = `(() => {
  const ta = document.querySelector('[data-testid=message-input]');
  const counter = document.querySelector('[data-testid=credit-counter]');
  const b = { update: [], frame: [], t0: 0, pending: false };
  window.__typingBench = b;
  ta.addEventListener('keydown', () => { b.t0 = performance.now(); b.pending = true; }, true);
  // Characters that are not on the keyboard layout arrive as text input without a keydown.
  ta.addEventListener('beforeinput', () => { if (!b.pending) { b.t0 = performance.now(); b.pending = true; } }, true);
  new MutationObserver(() => {
    if (!b.pending) return;
    b.pending = false;
    const t0 = b.t0;
    b.update.push(performance.now() - t0);
    requestAnimationFrame(() => b.frame.push(performance.now() - t0));
  }).observe(counter, { childList: true, characterData: true, subtree: true, attributes: true });
})()`;

/** Types `text` into the (empty, focused) message field one key at a time. */
export async function typeAndMeasure(page: Page, text: string): Promise<KeystrokeTimes> {
  await page.getByTestId('message-input').fill('');
  await page.getByTestId('message-input').focus();
  await page.evaluate(INSTRUMENT);
  for (const ch of text) await page.keyboard.type(ch);
  await page.waitForTimeout(100);
  const json = await page.evaluate<string>('JSON.stringify({ update: window.__typingBench.update, frame: window.__typingBench.frame })');
  return JSON.parse(json) as KeystrokeTimes;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
