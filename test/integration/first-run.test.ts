// The first run on an empty data folder: migrate, seed the demo, serve, send through the
// simulator until delivered; a second start keeps the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { DEMO_LOGINS } from '../../src/main/demo-seed.js';
import { serve } from '../../src/main/serve.js';
import { Writable } from 'node:stream';
import { createTestLocation, type TestDatabaseLocation } from './harness.js';

let location: TestDatabaseLocation;
const quiet = new Writable({ write: (_c, _e, cb) => cb() });

beforeAll(async () => {
  location = await createTestLocation({ fileBacked: true });
});
afterAll(async () => {
  await location?.dispose();
});

function configs() {
  const env = { PORT: '0', ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir }), SMSDESK_DEMO: 'true', LOG_LEVEL: 'warn' };
  return { app: loadConfig(env), server: loadServerConfig(env) };
}

async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url + path, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: r.status, cookie: r.headers.get('set-cookie'), json: (await r.json()) as Record<string, unknown> };
}

describe('first run', () => {
  it('seeds the demo once, serves the Banner API, and a Smart SMS is delivered and answered by the simulator', async () => {
    const first = await serve({ ...configs(), log: quiet });
    try {
      expect(first.seeded).toBe(true);
      // The demo fails 5% of messages on purpose; this test needs the delivery and the reply.
      await first.database.db.updateTable('accounts').set({ provider_config: JSON.stringify({ latencyMs: 300, deliveryDelayMs: 1500, autoReply: { text: 'Thanks, got it!', delayMs: 3000 } }) }).where('id', '=', 'demo').execute();
      const alice = DEMO_LOGINS[0]!;
      const login = await call(first.url, 'POST', '/api/auth/login', { email: alice.email, password: alice.password });
      expect(login.status).toBe(200);
      const h = { cookie: login.cookie!.split(';')[0]!, 'x-csrf-token': String(login.json.csrfToken) };
      const started = await call(first.url, 'POST', '/api/interactions', { recipient: '+33 6 12 34 56 78', queueId: 'queue-support' }, h);
      expect(started.status).toBe(201);
      const id = String(started.json.interactionId);
      expect((await call(first.url, 'POST', `/api/interactions/${id}/messages`, { text: 'First run' }, h)).status).toBe(201);
      // The demo simulator accepts after 300 ms, reports delivery 1.5 s later, replies 3 s after that.
      const deadline = Date.now() + 15_000;
      let statuses: string[] = [];
      while (Date.now() < deadline) {
        const t = await call(first.url, 'GET', `/api/interactions/${id}/messages`, undefined, h);
        const msgs = t.json.messages as { direction: string; status: string }[];
        statuses = msgs.map((m) => `${m.direction}:${m.status}`);
        if (statuses.includes('in:received') && msgs.some((m) => m.direction === 'out' && ['delivered', 'failed'].includes(m.status))) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(statuses).toContain('out:delivered');
      expect(statuses).toContain('in:received');
      const metrics = await (await fetch(`${first.url}/metrics`)).text();
      expect(metrics).toMatch(/smsdesk_provider_call_duration_seconds_count\{provider="simulator",outcome="accepted"\} [1-9]/);
    } finally {
      await first.stop();
    }
    const second = await serve({ ...configs(), log: quiet });
    try {
      expect(second.seeded).toBe(false);
      const rows = await second.database.db.selectFrom('messages').select('body').where('account_id', '=', 'demo').execute();
      expect(rows.map((r) => r.body)).toContain('First run');
    } finally {
      await second.stop();
    }
  }, 60_000);
});
