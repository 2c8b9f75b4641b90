// The provider section: settings validated by the provider registry, secrets sealed with the
// server's key. A secret shown redacted ("••••…", as export prints it) keeps the stored value,
// so an exported file applies without anyone retyping credentials.
import { isDeepStrictEqual } from 'node:util';
import type { ProviderType } from '../db/schema.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { openConfigSecrets, sealConfigSecrets, secretContext } from '../providers/secrets-config.js';
import type { SecretKey } from '../providers/secrets.js';
import { isSecretSetting } from '../providers/secrets-redact.js';
import type { Change } from './change.js';
import type { ConfigFileIssue } from './issues.js';
import { restoreRedacted } from './restore-redacted.js';
import { fillWebhookToken, usesWebhookToken } from './webhook-token.js';
import type { ProviderItem } from './schema.js';
import type { AccountRow } from './state.js';

export interface ProviderPlanInput {
  readonly accountId: string;
  readonly item: ProviderItem;
  readonly current: AccountRow | null;
  readonly registry: ProviderRegistry;
  readonly secretKey: SecretKey | null;
}

export function planProvider(input: ProviderPlanInput, issues: ConfigFileIssue[]): Change | null {
  const { accountId, item, current, registry, secretKey } = input;
  if (!registry.types.includes(item.type)) {
    issues.push({ path: 'provider.type', message: `unknown provider type (known: ${registry.types.join(', ')})` });
    return null;
  }
  const stored = current?.providerType === item.type ? current.providerConfig : {};
  // An account this file creates gets its token when it is inserted: the placeholder stays
  // until then, and a stand-in of the same shape lets the registry check the addresses.
  const token = current?.webhookToken;
  const settings = token === undefined ? item.settings : fillWebhookToken(item.settings, token);
  const merged: Record<string, unknown> = {};
  const before = issues.length;
  for (const [name, value] of Object.entries(settings)) merged[name] = restoreRedacted(value, stored[name], isSecretSetting(name), `provider.settings.${name}`, issues);
  if (issues.length > before) return null;
  const context = secretContext(accountId);
  const open = (c: Readonly<Record<string, unknown>>) => (secretKey ? openConfigSecrets(c, secretKey, context) : c);
  let plain: Record<string, unknown>;
  let storedPlain: Readonly<Record<string, unknown>>;
  try {
    plain = { ...open(merged) };
    storedPlain = open(stored);
  } catch {
    issues.push({ path: 'provider.settings', message: 'a stored secret cannot be decrypted with SMSDESK_SECRET_KEY' });
    return null;
  }
  const check = registry.validate({ type: item.type, config: token === undefined ? fillWebhookToken(plain, '0'.repeat(64)) : plain });
  if (!check.ok) {
    for (const i of check.issues) issues.push({ path: i.path === '' ? 'provider.settings' : i.path === 'type' ? 'provider.type' : `provider.settings.${i.path}`, message: i.message });
    return null;
  }
  const typeChanged = current?.providerType !== item.type;
  const changedFields = typeChanged ? ['type'] : [];
  const names = new Set([...Object.keys(plain), ...Object.keys(storedPlain)]);
  for (const n of [...names].sort()) if (!isDeepStrictEqual(plain[n], storedPlain[n])) changedFields.push(`settings.${n}`);
  if (changedFields.length === 0) return null;
  const toStore = secretKey ? sealConfigSecrets(merged, secretKey, context) : merged;
  return {
    section: 'provider',
    action: current?.providerType ? 'update' : 'create',
    key: item.type,
    fields: current?.providerType ? changedFields : [],
    run: async (trx) => {
      let config = toStore;
      if (token === undefined && usesWebhookToken(toStore)) {
        const created = await trx.selectFrom('accounts').select('webhook_token').where('id', '=', accountId).executeTakeFirstOrThrow();
        config = fillWebhookToken(toStore, created.webhook_token);
      }
      await trx
        .updateTable('accounts')
        .set({ provider_type: item.type as ProviderType, provider_config: JSON.stringify(config) })
        .where('id', '=', accountId)
        .execute();
    },
  };
}
