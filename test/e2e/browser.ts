// Headless Chromium from the system (Debian's package): no browser download.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AgentLogin } from './server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AgentPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A fresh browser profile in the given language, on the Banner's sign-in form. */
export async function openBanner(browser: Browser, url: string, locale: 'en-GB' | 'fr-FR' = 'en-GB'): Promise<AgentPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('login-form').waitFor();
  return { context, page };
}

/** Signs in through the form, as an agent would, and waits for the live stream. */
export async function signIn(page: Page, login: AgentLogin): Promise<void> {
  await page.locator('input[type=email]').fill(login.email);
  await page.locator('input[type=password]').fill(login.password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
}

/** The element that has focus, by its test id (or its tag when it has none). */
export function focused(page: Page): Promise<string> {
  return page.evaluate<string>(
    "(() => { const el = document.activeElement; return el ? (el.getAttribute('data-testid') || el.tagName.toLowerCase()) : ''; })()",
  );
}

/** Polls until `read` returns a value `ok` accepts; fails with the last value seen. */
/**
 * Focus moves in a React effect after the keystroke that asked for it: wait for it to land
 * (up to 3 s) rather than read it at once; fails naming where it is instead.
 */
export async function expectFocus(page: Page, testId: string): Promise<void> {
  await eventually(() => focused(page), (f) => f === testId, 3_000);
}

export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}
