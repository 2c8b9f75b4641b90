// The operations webhook's call survives a restart: a transition is recorded and its call queued,
// the database is closed before anyone delivers it (a server stopped), and the loop of the next
// start (startNumberHealth, as serve() runs it) evaluates nothing new and delivers the call, signed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateNumberHealth } from '../../src/app/number-health/evaluate.js';
import { verifyOpsSignature } from '../../src/app/number-health/ops-signature.js';
import { startNumberHealth } from '../../src/app/number-health/ops-webhook.js';
import { openDatabase } from '../../src/db/open-database.js';
import { buildWorld } from '../fixtures/world.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const SECRET = 'restart-secret-0123456789';
let location: TestDatabaseLocation;
let server: Server;
const got: { body: string; signature: string }[] = [];

beforeAll(async () => {
  location = await createTestLocation({ fileBacked: true });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ body, signature: String(req.headers['smsdesk-signature'] ?? '') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await location?.dispose();
});

describe(`the operations webhook across a restart (${TEST_DB_KIND})`, () => {
  it('is delivered by the next start', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ops`;
    const first = await openDatabase({ url: location.options.url, dataDir: location.options.dataDir });
    const w = await buildWorld(first.db, { credits: 1 });
    // No server key: the secret is stored as given (as provider secrets are without SECRET_KEY).
    await sql`insert into number_health_settings (account_id, threshold_percent, min_reports, webhook_url, webhook_secret)
      values (${w.accountId}, 10, 10, ${url}, ${SECRET})`.execute(first.db);
    await sql`insert into number_outcomes (account_id, sms_number_id, minute, finals, failures)
      values (${w.accountId}, ${w.numbers.support}, date_trunc('minute', now()), 50, 25)`.execute(first.db);
    expect(await evaluateNumberHealth(first.db)).toHaveLength(1);
    await first.close();
    expect(got).toHaveLength(0);

    const second = await openDatabase({ url: location.options.url, dataDir: location.options.dataDir });
    const transitions: unknown[] = [];
    const loop = startNumberHealth(second.db, { secretKey: null, intervalMs: 100, onTransition: (t) => transitions.push(t) });
    try {
      const deadline = Date.now() + 15_000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await loop.stop();
    }
    expect(got).toHaveLength(1);
    expect(transitions).toEqual([]);
    expect(JSON.parse(got[0]!.body)).toMatchObject({ type: 'sms_number.unhealthy', account: w.accountId, failureRate: 0.5, reports: 50, threshold: 10 });
    expect(verifyOpsSignature(SECRET, got[0]!.body, got[0]!.signature, Math.floor(Date.now() / 1000))).toBe(true);
    const row = await sql<{ delivered: boolean }>`select delivered_at is not null as delivered from ops_webhook_outbox`.execute(second.db);
    expect(row.rows).toEqual([{ delivered: true }]);
    await second.close();
  });
});
