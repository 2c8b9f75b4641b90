// Routes a provider's webhook to the account's configured adapter, then applies what it
// reported through the use cases: inbound messages and delivery reports.
import type { AppDeps } from '../app/context.js';
import { receiveInbound } from '../app/receive-inbound.js';
import type { ProviderEvent } from '../domain/ports.js';
import type { WebhookAnswer, WebhookGateway, WebhookRequestData } from '../http/routes/webhooks.js';

/** What an adapter that receives webhooks offers; push-only adapters have no handleWebhook. */
export interface WebhookCapable {
  handleWebhook?(kind: 'status' | 'inbound', req: WebhookRequestData): WebhookAnswer | Promise<WebhookAnswer>;
}

export interface WebhookGatewayOptions {
  readonly deps: AppDeps;
  /** The account's adapter if its configured provider is `providerType`; null otherwise. */
  readonly adapterFor: (accountId: string, providerType: string) => Promise<WebhookCapable | null>;
  readonly applyStatus: (event: Extract<ProviderEvent, { type: 'status' }>, provider: string) => Promise<void>;
}

export function createWebhookGateway(o: WebhookGatewayOptions): WebhookGateway {
  return {
    async handle(accountId, provider, kind, req) {
      const adapter = await o.adapterFor(accountId, provider);
      if (!adapter?.handleWebhook) return null;
      return adapter.handleWebhook(kind, req);
    },
    async apply(provider, events) {
      for (const e of events) {
        if (e.type === 'inbound') {
          const optOut = (e as { optOut?: unknown }).optOut;
          await receiveInbound(o.deps, {
            accountId: e.accountId,
            provider,
            providerMessageId: e.providerMessageId,
            from: e.from,
            to: e.to,
            body: e.body,
            receivedAt: e.at,
            optOut: optOut === 'STOP' || optOut === 'START' ? optOut : null,
          });
        } else {
          await o.applyStatus(e, provider);
        }
      }
    },
  };
}
