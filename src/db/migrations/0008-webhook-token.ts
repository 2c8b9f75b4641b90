// Every account gets an unguessable webhook address token, required in the path of every
// provider webhook (/webhooks/{provider}/{accountId}/{token}/{kind}). The column's default
// draws it from the database's strong random source (two version-4 UUIDs: 244 random bits,
// 64 hex characters), so every account gets one however it is created, and the existing
// rows each get their own when the column is added. It is stored in clear: administrators
// must see the whole address, and it is compared in constant time (src/main/webhook-token.ts).
// The previous token keeps working until `webhook_token_previous_until` after a rotation.
// Status callback addresses already stored in a provider's settings (Twilio's
// statusCallbackUrl, Vonage's callback) get the token inserted, so reports keep arriving.
import { sql, type Kysely } from 'kysely';

const TOKEN_DEFAULT = sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`;

/** `/webhooks/{type}/{accountId}/{kind}` becomes `/webhooks/{type}/{accountId}/{token}/{kind}`. */
function withToken(config: Record<string, unknown>, accountId: string, token: string): Record<string, unknown> | null {
  const id = encodeURIComponent(accountId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const path = new RegExp(`(/webhooks/[a-z-]+/${id}/)(status|inbound)(?=$|[?#])`);
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    const next = typeof v === 'string' ? v.replace(path, (_m, base: string, kind: string) => `${base}${token}/${kind}`) : v;
    changed ||= next !== v;
    out[k] = next;
  }
  return changed ? out : null;
}

export const webhookToken = {
  up: async (db: Kysely<unknown>) => {
    await sql`alter table accounts add column webhook_token text not null default ${TOKEN_DEFAULT}`.execute(db);
    await sql`alter table accounts add column webhook_token_previous text`.execute(db);
    await sql`alter table accounts add column webhook_token_previous_until timestamptz`.execute(db);
    const rows = await sql<{ id: string; provider_config: unknown; webhook_token: string }>`select id, provider_config, webhook_token from accounts`.execute(db);
    for (const row of rows.rows) {
      const config = typeof row.provider_config === 'string' ? (JSON.parse(row.provider_config) as unknown) : row.provider_config;
      if (config === null || typeof config !== 'object' || Array.isArray(config)) continue;
      const next = withToken(config as Record<string, unknown>, row.id, row.webhook_token);
      if (next) await sql`update accounts set provider_config = ${JSON.stringify(next)}::jsonb where id = ${row.id}`.execute(db);
    }
  },
  down: async (db: Kysely<unknown>) => {
    await sql`alter table accounts drop column webhook_token_previous_until`.execute(db);
    await sql`alter table accounts drop column webhook_token_previous`.execute(db);
    await sql`alter table accounts drop column webhook_token`.execute(db);
  },
};
