// The account's SMS provider as administrators see and set it: settings validated by the
// registry, secrets sealed with the configured key and never returned whole.
import type { ProviderView } from '../../api/admin-views.js';
import type { ProviderType } from '../../db/schema.js';
import { openConfigSecrets, sealConfigSecrets, secretContext } from '../../providers/secrets-config.js';
import { redactConfig } from '../../providers/secrets.js';
import type { Actor, AppDeps } from '../context.js';
import { audit } from './audit.js';
import type { ProviderAdminDeps } from './provider-deps.js';
import { retokenSettings } from '../webhook-token.js';
import { auditSettings, keepStoredSecrets } from './provider-secrets.js';
import { invalid, notFound } from './refusals.js';
import { numbersLosingTheirTable } from './provider-tables.js';

/**
 * Provider types that report through /webhooks. SMPP pushes over its own link and the simulator
 * inside the process: an address shown for them would only ever answer 404.
 */
const WEBHOOK_TYPES: ReadonlySet<string> = new Set(['twilio', 'vonage', 'http-json']);

export interface StoredProvider {
  readonly type: string | null;
  readonly config: Readonly<Record<string, unknown>>;
}

function asRecord(v: unknown): Readonly<Record<string, unknown>> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export async function loadStoredProvider(deps: Pick<AppDeps, 'db'>, accountId: string): Promise<StoredProvider & { readonly token: WebhookTokenRow }> {
  const row = await deps.db.selectFrom('accounts').select(['provider_type', 'provider_config', 'webhook_token', 'webhook_token_previous_until']).where('id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('account');
  return { type: row.provider_type, config: asRecord(row.provider_config), token: row };
}

/** Stored secrets in clear, for validation and the connection test; refused if the key cannot open them. */
export function openStored(p: ProviderAdminDeps, accountId: string, config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!p.secretKey) return { ...config };
  try {
    return openConfigSecrets(config, p.secretKey, secretContext(accountId));
  } catch {
    throw invalid('settings', 'STORED_SECRET_UNREADABLE');
  }
}

export interface WebhookTokenRow {
  readonly webhook_token: string;
  readonly webhook_token_previous_until: Date | string | null;
}

/** The addresses to give the provider: the account's token is part of the path. */
export function webhookUrls(type: string | null, accountId: string, token: WebhookTokenRow, origin: string, now: Date): ProviderView['webhooks'] {
  if (type === null || !WEBHOOK_TYPES.has(type)) return null;
  const base = `${origin.replace(/\/+$/, '')}/webhooks/${type}/${encodeURIComponent(accountId)}/${token.webhook_token}`;
  const until = token.webhook_token_previous_until === null ? null : new Date(token.webhook_token_previous_until);
  return { status: `${base}/status`, inbound: `${base}/inbound`, previousAcceptedUntil: until !== null && until > now ? until.toISOString() : null };
}

export async function getProvider(deps: Pick<AppDeps, 'db' | 'clock'>, p: ProviderAdminDeps, actor: Actor, requestOrigin: string): Promise<ProviderView> {
  const stored = await loadStoredProvider(deps, actor.accountId);
  let shown: Readonly<Record<string, unknown>> = stored.config;
  try {
    shown = p.secretKey ? openConfigSecrets(stored.config, p.secretKey, secretContext(actor.accountId)) : stored.config;
  } catch {
    // Envelopes this key cannot open are still shown, as "encrypted".
  }
  const encrypted = Object.values(stored.config).some((v) => typeof v === 'string' && v.startsWith('smsdesk:v1:'));
  return { type: stored.type, settings: redactConfig(shown), secretsEncrypted: encrypted, webhooks: webhookUrls(stored.type, actor.accountId, stored.token, p.publicBaseUrl ?? requestOrigin, deps.clock.now()), types: p.registry.types, typeSettings: serverFilledOptional(p.registry.settings) };
}

/** Types whose settings carry the status address the product serves (sent with each message). */
const STATUS_CALLBACK_TYPES: ReadonlySet<string> = new Set(['twilio', 'vonage']);

/** What the server knows better than the administrator: its own status address, filled in when left empty. */
function withServerSettings(type: string, settings: Readonly<Record<string, unknown>>, statusUrl: string | null): Readonly<Record<string, unknown>> {
  if (statusUrl === null || !STATUS_CALLBACK_TYPES.has(type)) return settings;
  const given = settings.statusCallbackUrl;
  return typeof given === 'string' && given.trim() !== '' ? settings : { ...settings, statusCallbackUrl: statusUrl };
}

/** The form need not ask for what the server fills in: the status callback is optional there. */
function serverFilledOptional(settings: ProviderView['typeSettings']): ProviderView['typeSettings'] {
  const out: Record<string, ProviderView['typeSettings'][string]> = {};
  for (const [type, described] of Object.entries(settings)) {
    out[type] = STATUS_CALLBACK_TYPES.has(type) ? described.map((d) => (d.name === 'statusCallbackUrl' ? { ...d, required: false } : d)) : described;
  }
  return out;
}

/** The status address of `type` for the account, as the admin page shows it; null for types without webhooks. */
export function statusAddress(p: ProviderAdminDeps, type: string, accountId: string, token: WebhookTokenRow, requestOrigin: string, now: Date): string | null {
  return webhookUrls(type, accountId, token, p.publicBaseUrl ?? requestOrigin, now)?.status ?? null;
}

export interface ProviderInput {
  readonly type: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * The settings as they would be stored (secrets kept or replaced) and in clear, validated by
 * the registry. Shared by saving and by the connection test of unsaved settings.
 */
export function resolveSubmitted(p: ProviderAdminDeps, accountId: string, stored: StoredProvider, input: ProviderInput, statusUrl: string | null = null): { merged: Record<string, unknown>; plain: Record<string, unknown> } {
  if (!p.registry.types.includes(input.type)) throw invalid('type', 'UNKNOWN_PROVIDER_TYPE', { known: [...p.registry.types] });
  const merged = keepStoredSecrets(withServerSettings(input.type, input.settings, statusUrl), stored.type === input.type ? stored.config : {});
  const plain = openStored(p, accountId, merged);
  const check = p.registry.validate({ type: input.type, config: plain });
  if (!check.ok) {
    const first = check.issues[0];
    const issues = check.issues.slice(0, 10).map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`));
    const missing = check.issues.filter((i) => i.missing).map((i) => i.path);
    // A setting left empty is "required" (reason EMPTY, as every form's empty field), not the schema's expectation.
    throw invalid(first && first.path !== '' ? `settings.${first.path}` : 'settings', first?.missing ? 'EMPTY' : 'INVALID_SETTING', { issues, ...(missing.length > 0 ? { missing } : {}) });
  }
  return { merged, plain };
}

export async function putProvider(deps: Pick<AppDeps, 'db' | 'wake' | 'clock'>, p: ProviderAdminDeps, actor: Actor, input: ProviderInput, requestOrigin: string): Promise<ProviderView> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('accounts')
      .select(['provider_type', 'provider_config', 'webhook_token', 'webhook_token_previous'])
      .where('id', '=', actor.accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('account');
    const stored: StoredProvider = { type: row.provider_type, config: asRecord(row.provider_config) };
    const resolved = resolveSubmitted(p, actor.accountId, stored, input, statusAddress(p, input.type, actor.accountId, { webhook_token: row.webhook_token, webhook_token_previous_until: null }, requestOrigin, deps.clock.now()));
    const submitted = resolved.merged;
    // Numbers keep billing with their national table only if the new provider can send it.
    const losing = await numbersLosingTheirTable(trx, actor.accountId, input.type, resolved.plain);
    if (losing.length > 0) throw invalid(input.type === 'smpp' ? 'settings.nationalLanguageShift' : 'type', 'NUMBERS_USE_NATIONAL_TABLE', { numbers: losing.map((n) => n.address), numberIds: losing.map((n) => n.id) });
    // A form loaded before the token changed holds the previous token's address: saved as it
    // is, reports would stop when its grace ends.
    const merged = row.webhook_token_previous === null ? submitted : retokenSettings(submitted, actor.accountId, row.webhook_token_previous, row.webhook_token).config;
    const toStore = p.secretKey ? sealConfigSecrets(merged, p.secretKey, secretContext(actor.accountId)) : merged;
    await trx
      .updateTable('accounts')
      .set({ provider_type: input.type as ProviderType, provider_config: JSON.stringify(toStore) })
      .where('id', '=', actor.accountId)
      .execute();
    await audit(trx, actor, {
      what: 'provider.updated',
      targetId: actor.accountId,
      before: { type: stored.type, settings: auditSettings(stored.config) },
      after: { type: input.type, settings: auditSettings(merged) },
    });
  });
  deps.wake();
  return getProvider(deps, p, actor, requestOrigin);
}
