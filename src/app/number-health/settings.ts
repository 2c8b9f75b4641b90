// The administrator's number-health settings: the failure-rate threshold, the minimum of final
// reports before a rate counts, a number's own threshold, and the operations webhook (its secret
// sealed like a provider's secrets, shown only redacted).
import { sql } from 'kysely';
import { DEFAULT_HEALTH_RULE } from '../../domain/number-health/rule.js';
import { DomainError } from '../../domain/errors.js';
import { decryptSecret, encryptSecret, isEncryptedSecret, redactSecret, type SecretKey } from '../../providers/secrets.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { audit } from '../admin/audit.js';

export interface NumberHealthSettingsView {
  readonly thresholdPercent: number;
  readonly minReports: number;
  readonly webhookUrl: string | null;
  /** Redacted ("••••" and at most the last 4 characters); null when none is set. */
  readonly webhookSecret: string | null;
  readonly secretEncrypted: boolean;
}

export interface NumberHealthSettingsInput {
  readonly thresholdPercent?: number | undefined;
  readonly minReports?: number | undefined;
  /** null removes the webhook. */
  readonly webhookUrl?: string | null | undefined;
  /** null removes it; the redacted value shown (or omitted) keeps the stored one. */
  readonly webhookSecret?: string | null | undefined;
}

export interface StoredHealthSettings {
  readonly thresholdPercent: number;
  readonly minReports: number;
  readonly webhookUrl: string | null;
  readonly webhookSecret: string | null;
}

/** Bound to the account: an envelope copied to another account's row does not decrypt. */
export function opsSecretContext(accountId: string): string {
  return `account:${accountId}:ops-webhook/webhookSecret`;
}

export async function storedHealthSettings(db: Db, accountId: string): Promise<StoredHealthSettings> {
  const r = await sql<{ threshold_percent: number; min_reports: number; webhook_url: string | null; webhook_secret: string | null }>`
    select threshold_percent, min_reports, webhook_url, webhook_secret from number_health_settings where account_id = ${accountId}`.execute(db);
  const row = r.rows[0];
  if (!row) return { ...DEFAULT_HEALTH_RULE, webhookUrl: null, webhookSecret: null };
  return { thresholdPercent: row.threshold_percent, minReports: row.min_reports, webhookUrl: row.webhook_url, webhookSecret: row.webhook_secret };
}

/** The plain secret for signing. */
export function openOpsSecret(stored: string, accountId: string, key: SecretKey | null): string {
  return isEncryptedSecret(stored) && key ? decryptSecret(stored, key, opsSecretContext(accountId)) : stored;
}

function view(s: StoredHealthSettings, key: SecretKey | null, accountId: string): NumberHealthSettingsView {
  return {
    thresholdPercent: s.thresholdPercent,
    minReports: s.minReports,
    webhookUrl: s.webhookUrl,
    webhookSecret: s.webhookSecret === null ? null : redactSecret(openOpsSecret(s.webhookSecret, accountId, key)),
    secretEncrypted: s.webhookSecret !== null && isEncryptedSecret(s.webhookSecret),
  };
}

export async function healthSettings(deps: Pick<AppDeps, 'db'>, actor: Actor, key: SecretKey | null): Promise<NumberHealthSettingsView> {
  return view(await storedHealthSettings(deps.db, actor.accountId), key, actor.accountId);
}

function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field: 'webhookUrl', reason: 'INVALID_URL' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DomainError('VALIDATION_FAILED', { field: 'webhookUrl', reason: 'URL_NOT_HTTP' });
  // Credentials in the URL would be shown back and logged; the secret is for that.
  if (u.username || u.password) throw new DomainError('VALIDATION_FAILED', { field: 'webhookUrl', reason: 'URL_HAS_CREDENTIALS' });
}

export async function setHealthSettings(deps: Pick<AppDeps, 'db'>, actor: Actor, key: SecretKey | null, input: NumberHealthSettingsInput): Promise<NumberHealthSettingsView> {
  const before = await storedHealthSettings(deps.db, actor.accountId);
  const webhookUrl = input.webhookUrl === undefined ? before.webhookUrl : input.webhookUrl;
  if (webhookUrl !== null) checkUrl(webhookUrl);
  let webhookSecret = before.webhookSecret;
  const shownBefore = before.webhookSecret === null ? null : redactSecret(openOpsSecret(before.webhookSecret, actor.accountId, key));
  if (input.webhookSecret === null) webhookSecret = null;
  else if (input.webhookSecret !== undefined && input.webhookSecret !== '' && input.webhookSecret !== shownBefore) {
    if (input.webhookSecret.length < 16) throw new DomainError('VALIDATION_FAILED', { field: 'webhookSecret', reason: 'TOO_SHORT' });
    webhookSecret = key ? encryptSecret(input.webhookSecret, key, opsSecretContext(actor.accountId)) : input.webhookSecret;
  }
  if (webhookUrl !== null && webhookSecret === null) throw new DomainError('VALIDATION_FAILED', { field: 'webhookSecret', reason: 'REQUIRED' });
  const after: StoredHealthSettings = {
    thresholdPercent: input.thresholdPercent ?? before.thresholdPercent,
    minReports: input.minReports ?? before.minReports,
    webhookUrl,
    webhookSecret,
  };
  await deps.db.transaction().execute(async (trx) => {
    await sql`insert into number_health_settings (account_id, threshold_percent, min_reports, webhook_url, webhook_secret, updated_at)
      values (${actor.accountId}, ${after.thresholdPercent}, ${after.minReports}, ${after.webhookUrl}, ${after.webhookSecret}, now())
      on conflict (account_id) do update set threshold_percent = excluded.threshold_percent, min_reports = excluded.min_reports,
        webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret, updated_at = now()`.execute(trx);
    const shown = (s: StoredHealthSettings) => ({ thresholdPercent: s.thresholdPercent, minReports: s.minReports, webhookUrl: s.webhookUrl, webhookSecret: s.webhookSecret === null ? null : '••••' });
    await audit(trx, actor, { what: 'number_health.updated', targetId: null, before: shown(before), after: shown(after) });
  });
  return view(after, key, actor.accountId);
}

/** A number's own threshold; null follows the account's. */
export async function setNumberThreshold(deps: Pick<AppDeps, 'db'>, actor: Actor, smsNumberId: string, thresholdPercent: number | null): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const r = await sql<{ id: string }>`update sms_numbers set health_threshold_percent = ${thresholdPercent}
      where id = ${smsNumberId} and account_id = ${actor.accountId} returning id`.execute(trx);
    if (r.rows.length === 0) throw new DomainError('NOT_FOUND');
    await audit(trx, actor, { what: 'number_health.number_threshold', targetId: smsNumberId, after: { thresholdPercent } });
  });
}
