// The real product for browser tests: the HTTP server, the dispatcher and the simulator provider on an in-memory
// database, serving the built Banner (web/dist) at /. Seeded with the test world, with passwords.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import type { World } from '../fixtures/world.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = path.join(root, 'web/dist');

export interface AgentLogin {
  readonly agentId: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export interface E2eServer {
  readonly url: string;
  readonly db: Kysely<Database>;
  readonly world: World;
  readonly logins: Readonly<Record<keyof World['agents'], AgentLogin>>;
  /** A voice call starting for an agent, as the telephony integration reports it (spec D7). */
  startCall(agentId: string, customerNumber: string): Promise<string>;
  /** An SMS from a customer reaching one of the account's numbers, as a provider reports it (spec D6). */
  receive(from: string, to: string, body: string): Promise<void>;
  close(): Promise<void>;
}

/** The simulator answers quickly, and the customer replies, so statuses and replies arrive live within a test. */
export const SIMULATOR = { latencyMs: 20, deliveryDelayMs: 400, autoReply: { text: 'Thanks, got it!', delayMs: 600 } };
export const AUTO_REPLY = SIMULATOR.autoReply.text;

async function loadServe() {
  // Building on the server's own composition root; until it exists, say so plainly.
  let httpApp: Record<string, unknown>;
  try {
    httpApp = (await import('../../src/main/http-app.js')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`server not available: src/main/http-app.ts cannot be loaded (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof httpApp.createHttpApp !== 'function') throw new Error('server not available: src/main/http-app.ts does not export createHttpApp');
  try {
    return (await import('../../src/main/serve.js')).serve;
  } catch (e) {
    throw new Error(`server not available: src/main/serve.ts cannot be loaded (${e instanceof Error ? e.message : String(e)})`);
  }
}

export async function startE2eServer(): Promise<E2eServer> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
  const serve = await loadServe();
  const { loadConfig } = await import('../../src/config/load-config.js');
  const { loadServerConfig } = await import('../../src/config/server-config.js');
  const { buildWorld } = await import('../fixtures/world.js');
  const { hashPassword } = await import('../../src/platform/password.js');
  const { registerCall } = await import('../../src/app/voice-calls.js');
  const { receiveInbound } = await import('../../src/app/receive-inbound.js');
  const { systemClock, uuidV7Generator } = await import('../../src/platform/system.js');

  const running = await serve({
    app: loadConfig({ DATA_DIR: 'memory://', HOST: '127.0.0.1', PORT: '0', DISPATCHER_POLL_MS: '100' }),
    server: loadServerConfig({ SMSDESK_DEMO: 'false', LOG_LEVEL: 'silent' }),
    webRoot: WEB_ROOT,
  });
  const db = running.database.db;
  try {
    const world = await buildWorld(db);
    await db.updateTable('accounts').set({ provider_config: JSON.stringify(SIMULATOR) }).where('id', '=', world.accountId).execute();
    const rows = await db.selectFrom('agents').select(['id', 'email', 'name']).where('account_id', '=', world.accountId).execute();
    const logins = {} as Record<keyof World['agents'], AgentLogin>;
    for (const [key, agentId] of Object.entries(world.agents) as [keyof World['agents'], string][]) {
      const row = rows.find((r) => r.id === agentId);
      if (!row) continue;
      const password = `pw-${key}-e2e`;
      await db.updateTable('agents').set({ password_hash: await hashPassword(password) }).where('id', '=', agentId).execute();
      logins[key] = { agentId, email: row.email, password, name: row.name };
    }
    // The live stream looks at once instead of at its next poll.
    const deps = { db, clock: systemClock, ids: uuidV7Generator(), wake: () => running.http.hub.wake() };
    return {
      url: running.url,
      db,
      world,
      logins,
      async startCall(agentId, customerNumber) {
        const { interactionId } = await registerCall(deps, { accountId: world.accountId, agentId, externalCallId: `call-${deps.ids.next()}`, customerNumber });
        return interactionId;
      },
      async receive(from, to, body) {
        await receiveInbound(deps, { accountId: world.accountId, provider: 'simulator', providerMessageId: `in-${deps.ids.next()}`, from, to, body, receivedAt: new Date() });
      },
      close: () => running.stop(),
    };
  } catch (e) {
    await running.stop();
    throw e;
  }
}
