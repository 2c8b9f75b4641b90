// Routes a provider's webhook to the account's configured adapter, then applies what it
// reported through the use cases: inbound messages and delivery reports. The address token is
// checked first, against the account row read fresh (a rotation takes effect at once); an
// unknown account, a wrong token and a wrong provider are one and the same "not here".
import { createHash } from 'node:crypto';
import type { AppDeps } from '../app/context.js';
import { inboundInputOf, receiveInbound } from '../app/receive-inbound.js';
import { webhookTokenMatches } from '../app/webhook-token.js';
import { applyStatusReport, statusReportOf } from '../dispatcher/index.js';
import type { WebhookAnswer, WebhookGateway, WebhookRequestData } from '../http/routes/webhooks.js';
import { wellFormedEvent } from '../http/unsafe-text.js';
import type { ProviderCache } from './provider-cache.js';

/** What an adapter that receives webhooks offers; push-only adapters have no handleWebhook. */
interface WebhookCapable {
  handleWebhook(kind: 'status' | 'inbound', req: WebhookRequestData): WebhookAnswer | Promise<WebhookAnswer>;
}

/**
 * How long an address found good is trusted without reading the account again. Reading it for
 * every webhook was a third database round trip on the inbound path (500 webhooks/s no longer
 * kept up). Only successes are remembered: a new token is checked at once, and a token that
 * stops opening the account (a second rotation ends the first one's grace) is refused within
 * this delay on every instance.
 */
export const VERIFIED_ADDRESS_MS = 5_000;
const VERIFIED_ADDRESSES_KEPT = 1_000;

export function createWebhookGateway(deps: AppDeps, providers: Pick<ProviderCache, 'ofType'>): WebhookGateway {
  // Keyed by account, provider and the token's digest; valued by when the check was made (app clock).
  const verified = new Map<string, number>();
  const addressKey = (accountId: string, provider: string, token: string) => `${accountId}\u001f${provider}\u001f${createHash('sha256').update(token).digest('base64')}`;

  async function opens(accountId: string, provider: string, token: string): Promise<boolean> {
    const key = addressKey(accountId, provider, token);
    const now = deps.clock.now().getTime();
    const at = verified.get(key);
    if (at !== undefined && now - at >= 0 && now - at < VERIFIED_ADDRESS_MS) return true;
    verified.delete(key);
    const account = await deps.db
      .selectFrom('accounts')
      .select(['provider_type', 'webhook_token', 'webhook_token_previous', 'webhook_token_previous_until'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!webhookTokenMatches(account, token, deps.clock.now()) || account?.provider_type !== provider) return false;
    if (verified.size >= VERIFIED_ADDRESSES_KEPT) verified.delete(verified.keys().next().value as string);
    verified.set(key, now);
    return true;
  }

  return {
    async handle(accountId, provider, token, kind, req) {
      if (!(await opens(accountId, provider, token))) return null;
      const adapter = await providers.ofType(accountId, provider);
      if (!adapter || !('handleWebhook' in adapter)) return null;
      return (adapter as unknown as WebhookCapable).handleWebhook(kind, req);
    },
    async apply(provider, events) {
      // Text PostgreSQL cannot store is replaced, not refused: a customer's message is never bounced for it.
      for (const e of events.map(wellFormedEvent)) {
        if (e.type === 'inbound') {
          await receiveInbound(deps, inboundInputOf(provider, e));
        } else {
          await applyStatusReport(deps.db, statusReportOf(provider, e));
          deps.wake();
        }
      }
    },
  };
}
