// /api/docs: the reference page for a browser, the OpenAPI document at /api/docs/openapi.json,
// and the document still at /api/docs for a program (its address before the page existed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let tdb: TestDatabase;
let srv: TestServer;
beforeAll(async () => {
  tdb = await openTestDatabase();
  srv = await startTestServer(tdb);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('the OpenAPI document', () => {
  it('is the same at /api/docs/openapi.json, at /api/docs for a program, and behind the page', async () => {
    const moved = await srv.request('GET', '/api/docs/openapi.json');
    expect(moved.status).toBe(200);
    expect(moved.headers.get('content-type')).toMatch(/^application\/json/);
    expect(moved.json).toMatchObject({ openapi: '3.1.0', info: { title: 'smsdesk API' } });
    expect(Object.keys((moved.json as { paths: object }).paths)).toContain('/api/direct/messages');

    for (const accept of [undefined, '*/*', 'application/json']) {
      const old = await srv.request('GET', '/api/docs', { headers: accept ? { accept } : {} });
      expect(old.status).toBe(200);
      expect(old.json).toEqual(moved.json);
    }
    // What the page itself loads.
    expect((await srv.request('GET', '/api/docs/json')).json).toEqual(moved.json);
  });
});

describe('the reference page', () => {
  it('sends a browser from /api/docs to the page, by a relative address that keeps a proxy prefix', async () => {
    const r = await fetch(`${srv.url}/api/docs`, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('docs/');
    await r.arrayBuffer();
  });

  it('is HTML whose scripts, styles and images all come from the same origin, under the site-wide CSP', async () => {
    const r = await fetch(`${srv.url}/api/docs/`, { headers: { accept: BROWSER_ACCEPT } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    const html = await r.text();
    // No inline script: every <script> has a src, and no event-handler attribute.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) {
      const u = new URL(ref, `${srv.url}/api/docs/`);
      expect(u.origin, ref).toBe(srv.url);
      expect(u.pathname, ref).toMatch(/^\/api\/docs\/static\//);
      const asset = await fetch(u);
      expect(asset.status, ref).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, ref).toBeGreaterThan(0);
    }
  });
});

describe('below a path prefix (PUBLIC_URL with a path, a proxy that keeps it)', () => {
  it('serves the page, its files and the document below the prefix too', async () => {
    const prefixed = await startTestServer(tdb, { app: { publicBaseUrl: 'https://sms.example.com/smsdesk' } });
    try {
      const r = await fetch(`${prefixed.url}/smsdesk/api/docs`, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });
      await r.arrayBuffer();
      expect(r.status).toBe(302);
      // Relative: the browser resolves it to /smsdesk/api/docs/.
      expect(new URL(r.headers.get('location')!, `${prefixed.url}/smsdesk/api/docs`).pathname).toBe('/smsdesk/api/docs/');
      const page = await fetch(`${prefixed.url}/smsdesk/api/docs/`, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.status).toBe(200);
      const html = await page.text();
      for (const ref of [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
        // Every file is addressed relative to the page, so it stays below the prefix.
        expect(ref, ref).toMatch(/^\.\//);
        const asset = await fetch(new URL(ref, `${prefixed.url}/smsdesk/api/docs/`));
        expect(asset.status, ref).toBe(200);
        await asset.arrayBuffer();
      }
      expect((await prefixed.request('GET', '/smsdesk/api/docs/json')).json).toMatchObject({ openapi: '3.1.0' });
    } finally {
      await prefixed.close();
    }
  });
});
