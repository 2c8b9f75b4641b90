// Routes a provider's webhook to the account's configured adapter, then applies what it
// reported through the use cases: inbound messages and delivery reports. The address token is
// checked first, against the account row read fresh (a rotation takes effect at once); an
// unknown account, a wrong token and a wrong provider are one and the same "not here".
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

export function createWebhookGateway(deps: AppDeps, providers: Pick<ProviderCache, 'ofType'>): WebhookGateway {
  return {
    async handle(accountId, provider, token, kind, req) {
      const account = await deps.db
        .selectFrom('accounts')
        .select(['provider_type', 'webhook_token', 'webhook_token_previous', 'webhook_token_previous_until'])
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (!webhookTokenMatches(account, token, deps.clock.now()) || account?.provider_type !== provider) return null;
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
