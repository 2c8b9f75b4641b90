// Provider webhooks: /webhooks/{provider}/{accountId}/{token}/{status|inbound}. The account's
// address token is checked first, then the adapter verifies the provider's signature on the
// raw body and says what to answer; only then are its events applied. Whatever is wrong in the
// path (no such account, a wrong token, another provider) answers exactly like an unknown URL,
// so the answers do not tell which accounts exist. Applying is idempotent on the provider's
// message id, so a provider's retry of a delivered webhook changes nothing.
import type { FastifyInstance } from 'fastify';
import type { ProviderEvent } from '../../domain/ports.js';
import { WebhookParams } from '../../api/schemas.js';
import { envelope, pickLang } from '../error-envelope.js';
import { externalUrl } from '../external-url.js';

export interface WebhookRequestData {
  readonly method: string;
  /** The full URL as the provider was given it (signatures cover it): src/http/external-url.ts. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly contentType: string;
}

export interface WebhookAnswer {
  readonly events: readonly ProviderEvent[];
  readonly response: { readonly status: number; readonly contentType: string; readonly body: string };
}

export interface WebhookGateway {
  /** null when the account does not exist, the token does not open it, or it does not use that provider. */
  handle(accountId: string, provider: string, token: string, kind: 'status' | 'inbound', req: WebhookRequestData): Promise<WebhookAnswer | null>;
  apply(provider: string, events: readonly ProviderEvent[]): Promise<void>;
}

export async function registerWebhooks(app: FastifyInstance, gateway: WebhookGateway, publicBaseUrl: string | undefined): Promise<void> {
  await app.register(async (scope) => {
    // Signatures are computed over the exact bytes: keep the raw body, parse nothing here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));
    scope.all('/webhooks/:provider/:accountId/:token/:kind', async (req, reply) => {
      // The same answer as the server's own for an unknown URL (src/http/server.ts).
      const notHere = () => reply.status(404).send(envelope('NOT_FOUND', pickLang(req.headers['accept-language'])));
      const parsed = WebhookParams.safeParse(req.params);
      if (!parsed.success) return notHere();
      const { provider, accountId, token, kind } = parsed.data;
      const answer = await gateway.handle(accountId, provider, token, kind, {
        method: req.method,
        url: externalUrl(req, publicBaseUrl),
        headers: req.headers,
        rawBody: typeof req.body === 'string' ? req.body : '',
        contentType: req.headers['content-type'] ?? '',
      });
      if (!answer) return notHere();
      // Nothing accepted is lost: if applying fails the provider gets a 5xx and retries.
      if (answer.events.length > 0 && answer.response.status < 300) await gateway.apply(provider, answer.events);
      return reply.status(answer.response.status).header('content-type', answer.response.contentType).send(answer.response.body);
    });
  });
}
