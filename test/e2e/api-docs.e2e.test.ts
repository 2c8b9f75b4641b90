// The API reference in Chromium, against the running product (serve()): /api/docs lists the
// endpoints and opens one, every request the page makes stays on smsdesk's own origin, and the
// site's Content-Security-Policy reports nothing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { serve, type RunningSmsdesk } from '../../src/main/serve.js';
import { launchBrowser } from './browser.js';
import { WEB_ROOT } from './server.js';

let running: RunningSmsdesk;
let browser: Browser;

beforeAll(async () => {
  running = await serve({
    app: loadConfig({ DATA_DIR: 'memory://', HOST: '127.0.0.1', PORT: '0' }),
    server: loadServerConfig({ SMSDESK_DEMO: 'false', LOG_LEVEL: 'silent' }),
    webRoot: WEB_ROOT,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('/api/docs in a browser', () => {
  it('lists the endpoints and opens one, with nothing fetched from elsewhere and no CSP violation', async () => {
    const origin = new URL(running.url).origin;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    // Anything for another origin is recorded and refused, so a CDN dependency cannot hide behind a cache.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    // The page's own report of each violation, besides Chromium's console line.
    await context.addInitScript({
      content: "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    await page.goto(`${origin}/api/docs`);
    expect(page.url()).toBe(`${origin}/api/docs/`);
    expect(await page.title()).toBe('smsdesk API');
    const send = page.locator('.opblock-summary-path', { hasText: /^\/api\/direct\/messages$/ }).first();
    await send.waitFor();
    // Interactive: opening the operation shows its parameters and the button to try it.
    await page.locator('.opblock-post', { has: send }).locator('.opblock-summary-control').first().click();
    await page.getByRole('button', { name: 'Try it out' }).first().waitFor();

    expect(elsewhere).toEqual([]);
    expect(requested.length).toBeGreaterThan(3);
    for (const url of requested) expect(new URL(url).origin, url).toBe(origin);
    expect(requested.some((u) => u.endsWith('/api/docs/json'))).toBe(true);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
