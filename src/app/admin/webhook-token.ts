// Rotating the account's webhook address token. The previous token keeps working for a grace
// period (24 h by default) so that an administrator can update the provider's console without
// losing reports or inbound messages; a second rotation ends the first one's grace at once.
// Addresses the product itself hands the provider (Twilio's statusCallbackUrl, Vonage's
// callback) are stored in the settings: they follow the new token in the same transaction.
import type { ProviderView } from '../../api/admin-views.js';
import type { Actor, AppDeps } from '../context.js';
import { newWebhookToken, retokenSettings, WEBHOOK_TOKEN_GRACE_MS } from '../webhook-token.js';
import { audit } from './audit.js';
import type { ProviderAdminDeps } from './provider-deps.js';
import { getProvider } from './provider-settings.js';
import { notFound } from './refusals.js';

function asRecord(v: unknown): Record<string, unknown> {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...(parsed as Record<string, unknown>) } : {};
}

export async function rotateWebhookToken(deps: Pick<AppDeps, 'db' | 'wake' | 'clock'>, p: ProviderAdminDeps, actor: Actor, requestOrigin: string): Promise<ProviderView> {
  const graceMs = p.webhookTokenGraceMs ?? WEBHOOK_TOKEN_GRACE_MS;
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('accounts').select(['webhook_token', 'provider_config']).where('id', '=', actor.accountId).forUpdate().executeTakeFirst();
    if (!row) throw notFound('account');
    const token = newWebhookToken();
    const previousUntil = new Date(deps.clock.now().getTime() + graceMs);
    const settings = retokenSettings(asRecord(row.provider_config), actor.accountId, row.webhook_token, token);
    await trx
      .updateTable('accounts')
      .set({
        webhook_token: token,
        webhook_token_previous: row.webhook_token,
        webhook_token_previous_until: previousUntil,
        ...(settings.changed.length > 0 ? { provider_config: JSON.stringify(settings.config) } : {}),
      })
      .where('id', '=', actor.accountId)
      .execute();
    // The tokens themselves stay out of the trail, which outlives them and is read more widely.
    await audit(trx, actor, {
      what: 'provider.webhook_token_rotated',
      targetId: actor.accountId,
      after: { previousAcceptedUntil: previousUntil.toISOString(), settingsUpdated: settings.changed },
    });
  });
  deps.wake();
  return getProvider(deps, p, actor, requestOrigin);
}
