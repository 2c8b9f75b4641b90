// The Banner below a path prefix (PUBLIC_URL=http://127.0.0.1:PORT/smsdesk), in Chromium against
// the running product (serve(), the demo account): served by the server itself below the prefix
// (a proxy that keeps it), and through a proxy that strips it. Signing in and going live prove
// that the page, its assets, the API and the live events are all reached below /smsdesk/.
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { serve, type RunningSmsdesk } from '../../src/main/serve.js';
import { startForwardingProxy, type ForwardingProxy } from '../fixtures/forwarding-proxy.js';
import { launchBrowser, openBanner, signIn } from './browser.js';
import { WEB_ROOT } from './server.js';

const ALICE = { agentId: 'agent-alice', email: 'alice@demo.smsdesk.test', password: 'demo-alice', name: 'Alice Martin' };

/** PUBLIC_URL must name the port before the server listens on it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let running: RunningSmsdesk;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  running = await serve({
    app: loadConfig({ DATA_DIR: 'memory://', HOST: '127.0.0.1', PORT: String(port), DISPATCHER_POLL_MS: '100' }),
    server: loadServerConfig({ SMSDESK_DEMO: 'true', LOG_LEVEL: 'silent', PUBLIC_URL: `${origin}/smsdesk` }),
    webRoot: WEB_ROOT,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

/** Signs in at `page` and returns every address the page asked for meanwhile. */
async function signInRecording(url: string): Promise<{ page: Page; requested: string[]; close: () => Promise<void> }> {
  const requested: string[] = [];
  const banner = await openBanner(browser, url);
  banner.page.on('request', (r) => requested.push(r.url()));
  await banner.page.reload();
  await banner.page.getByTestId('login-form').waitFor();
  await signIn(banner.page, ALICE);
  return { page: banner.page, requested, close: () => banner.context.close() };
}

describe('the Banner below a path prefix', () => {
  it('works where the server serves it below the prefix itself (a proxy that keeps the prefix)', async () => {
    const s = await signInRecording(`${origin}/smsdesk/`);
    try {
      expect(s.requested.some((u) => u.startsWith(`${origin}/smsdesk/assets/`))).toBe(true);
      expect(s.requested.some((u) => u.startsWith(`${origin}/smsdesk/api/events`))).toBe(true);
      expect(s.requested.filter((u) => !u.startsWith(`${origin}/smsdesk/`))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('works through a proxy that strips the prefix', async () => {
    const proxy: ForwardingProxy = await startForwardingProxy(Number(new URL(origin).port), { prefix: '/smsdesk', strip: true, forwardedProto: 'http', forwardedHost: '127.0.0.1' });
    try {
      const s = await signInRecording(`${proxy.url}/smsdesk/`);
      try {
        expect(s.requested.filter((u) => !u.startsWith(`${proxy.url}/smsdesk/`))).toEqual([]);
        expect(proxy.forwarded.some((p) => p.startsWith('/api/events'))).toBe(true);
      } finally {
        await s.close();
      }
    } finally {
      await proxy.close();
    }
  });

  it('takes the bare prefix to the prefix with its slash', async () => {
    const banner = await openBanner(browser, `${origin}/smsdesk`);
    try {
      expect(banner.page.url()).toBe(`${origin}/smsdesk/`);
    } finally {
      await banner.context.close();
    }
  });
});
