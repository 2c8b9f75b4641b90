// /metrics protected through the running product (serve()): a bearer token, or a listener of
// its own; and the start-up warning when the webhook addresses would come from Host headers.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { serve } from '../../src/main/serve.js';
import { createTestLocation, type TestDatabaseLocation } from './harness.js';

let location: TestDatabaseLocation;
const TOKEN = 'metrics-token-0123456789';

beforeAll(async () => {
  location = await createTestLocation({ fileBacked: true });
});
afterAll(async () => {
  await location?.dispose();
});

function start(extra: Record<string, string>) {
  const lines: string[] = [];
  const log = new Writable({
    write: (chunk: Buffer, _e, cb) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const env = { PORT: '0', ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir }), SMSDESK_DEMO: 'false', LOG_LEVEL: 'warn', ...extra };
  return { lines, running: serve({ app: loadConfig(env), server: loadServerConfig(env), log }) };
}

// The main port over loopback, whatever address it listens on.
function local(url: string): string {
  return `http://127.0.0.1:${new URL(url).port}`;
}

describe('/metrics', () => {
  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const running = await start({ METRICS_TOKEN: TOKEN }).running;
    try {
      const none = await fetch(`${running.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
      const ok = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('smsdesk_http_requests_total');
      // The probes stay open.
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  }, 30_000);

  it('is served only on METRICS_PORT when set, and a start on a public address without PUBLIC_URL warns in the log', async () => {
    const { lines, running: started } = start({ METRICS_PORT: '0', HOST: '0.0.0.0' });
    const running = await started;
    try {
      expect(running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${local(running.url)}/metrics`)).status).toBe(404);
      const separate = await fetch(`${running.metricsUrl}/metrics`);
      expect(separate.status).toBe(200);
      expect(await separate.text()).toContain('smsdesk_http_requests_total');
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
      expect(warnings.map((w) => w.msg)).toContainEqual(expect.stringMatching(/^PUBLIC_URL is not set while listening on 0\.0\.0\.0: webhook addresses shown to administrators are built from each request's Host header/));
    } finally {
      await running.stop();
    }
    expect(() => loadServerConfig({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toThrow(/PUBLIC_URL is required/);
  }, 30_000);
});
