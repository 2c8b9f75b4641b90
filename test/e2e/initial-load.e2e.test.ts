// What the Banner downloads when: the numbering plan (libphonenumber's metadata) is not in the first download, but it
// arrives in idle time once the Banner has drawn, before the agent opens New SMS, so the first number check is local.
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER } from '../fixtures/world.js';
import { eventually, launchBrowser, openBanner, signIn } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Chunk names carry a hash: the metadata is recognised by its content (libphonenumber's calling-code table).
const METADATA_MARK = 'country_calling_codes';

interface Script {
  readonly url: string;
  readonly hasMetadata: boolean;
}

/** Every script the page receives from now on, in order of arrival. */
function recordScripts(page: Page): Script[] {
  const scripts: Script[] = [];
  page.on('response', (r: Response) => {
    if (r.request().resourceType() !== 'script') return;
    void r.text().then(
      (body) => scripts.push({ url: r.url(), hasMetadata: body.includes(METADATA_MARK) }),
      () => scripts.push({ url: r.url(), hasMetadata: false }),
    );
  });
  return scripts;
}

describe('the numbering plan is fetched after the Banner draws, not with it', () => {
  it('is not in the sign-in page’s scripts, arrives after sign-in without any click, and checks the first number in the browser', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const scripts = recordScripts(page);
    await page.goto(server.url);
    await page.getByTestId('login-form').waitFor();
    await page.waitForLoadState('networkidle');
    const atStart = [...scripts];
    expect(atStart.length).toBeGreaterThan(0);
    expect(atStart.filter((s) => s.hasMetadata).map((s) => s.url)).toEqual([]);

    await signIn(page, server.logins.directOnly);
    // Nothing clicked yet: the download starts on its own once the page is idle.
    const withMetadata = await eventually(
      async () => scripts.filter((s) => s.hasMetadata),
      (found) => found.length > 0,
    );
    expect(withMetadata).toHaveLength(1);

    // The first number typed is checked in the browser: a landline is refused before the server is even asked
    // (the server's check waits for a pause in typing), by the same mobile-only rule as the server's.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/numbers/check')) asked.push(r.url());
    });
    await page.getByTestId('new-button').click();
    await page.getByTestId('new-sms').click();
    await page.getByTestId('recipient-input').fill('+33 1 42 34 56 78');
    await page.locator('[data-testid=recipient-status][data-state=invalid][data-code=INVALID_NUMBER]').waitFor();
    expect(asked).toEqual([]);
    await page.getByTestId('recipient-input').fill(CUSTOMER);
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    // Opening the flow reused the download made in idle time.
    expect(scripts.filter((s) => s.hasMetadata)).toHaveLength(1);
    await context.close();
  });

  it('is not fetched for an agent who cannot send SMS', async () => {
    const { context, page } = await openBanner(browser, server.url);
    const scripts = recordScripts(page);
    await signIn(page, server.logins.none);
    await page.waitForLoadState('networkidle');
    // Past the idle callback's timeout (2 s): a prefetch would have started by now.
    await page.waitForTimeout(2_500);
    expect(scripts.filter((s) => s.hasMetadata)).toEqual([]);
    await context.close();
  });
});
