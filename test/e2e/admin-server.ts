// A new installation for the administration browser test: the real server on an empty in-memory database (no
// demo, provider secrets sealed with a key), one account and its first administrator created as an operator does
// (`smsdesk create-admin`), and a local gateway implementing the HTTPS JSON contract, served over TLS with the
// test certificate, that answers the connection test and records what the account sends.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { HttpJsonFake } from '../fixtures/fakes/http-json-fake.js';
import { WEB_ROOT } from './server.js';

export const ACCOUNT_ID = 'acme';

/** What the administrator types into the provider form to reach the gateway. */
export interface GatewayCredentials {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Signs the gateway's status and inbound callbacks. */
  readonly webhookSecret: string;
  /** The PEM the gateway's certificate chains to (self-signed). */
  readonly caCertificate: string;
}

export interface AdminE2eServer {
  readonly url: string;
  readonly db: Kysely<Database>;
  readonly admin: { readonly email: string; readonly name: string; readonly password: string };
  readonly gateway: HttpJsonFake;
  readonly credentials: GatewayCredentials;
  /** The webhook addresses the gateway calls back. */
  readonly webhooks: { readonly status: string; readonly inbound: string };
  close(): Promise<void>;
}

export async function startAdminE2eServer(): Promise<AdminE2eServer> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
  const { serve } = await import('../../src/main/serve.js');
  const { loadConfig } = await import('../../src/config/load-config.js');
  const { loadServerConfig } = await import('../../src/config/server-config.js');
  const { createAdmin } = await import('../../src/config-file/create-admin.js');
  const { TEST_TLS_CERT } = await import('../fixtures/fakes/http-json-fake-tls.js');

  const running = await serve({
    app: loadConfig({ DATA_DIR: 'memory://', HOST: '127.0.0.1', PORT: '0', DISPATCHER_POLL_MS: '100' }),
    server: loadServerConfig({ SMSDESK_DEMO: 'false', LOG_LEVEL: 'silent', SMSDESK_SECRET_KEY: 'e2e secrets passphrase, not for production' }),
    webRoot: WEB_ROOT,
  });
  let gateway: HttpJsonFake | undefined;
  const close = async () => {
    await running.stop();
    await gateway?.close();
  };
  const secrets = { username: 'acme-gateway', password: 'gateway-password-8d41f0', webhookSecret: 'whsec_7f3c9a0b5e2d4c6f8a1b3d5e7f9a0c2e' };
  try {
    const admin = { email: 'owner@acme.example', name: 'Olivia Owner' };
    const { password } = await createAdmin(running.database.db, { accountId: ACCOUNT_ID, ...admin });
    const { webhook_token: token } = await running.database.db.selectFrom('accounts').select('webhook_token').where('id', '=', ACCOUNT_ID).executeTakeFirstOrThrow();
    // The addresses the provider page shows: the gateway is set up with them, as its operator would be.
    const webhooks = `${running.url}/webhooks/http-json/${ACCOUNT_ID}/${token}`;
    gateway = await HttpJsonFake.start({
      tls: true,
      username: secrets.username,
      password: secrets.password,
      webhookSecrets: [secrets.webhookSecret],
      statusUrl: `${webhooks}/status`,
      inboundUrl: `${webhooks}/inbound`,
    });
    const credentials: GatewayCredentials = { url: gateway.url, ...secrets, caCertificate: TEST_TLS_CERT };
    return { url: running.url, db: running.database.db, admin: { ...admin, password }, gateway, credentials, webhooks: { status: `${webhooks}/status`, inbound: `${webhooks}/inbound` }, close };
  } catch (e) {
    await close();
    throw e;
  }
}
