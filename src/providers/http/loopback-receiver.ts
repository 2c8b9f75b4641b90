// The product's webhook endpoint reduced to what a provider fixture needs: a node:http server on
// 127.0.0.1 serving /webhooks/{provider}/{accountId}/{status|inbound}, handing each call to the
// adapter's handleWebhook and keeping what it returned, so a test can see exactly which events
// and which answer a provider's callback produced.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderEvent } from '../../domain/ports.js';
import type { WebhookHandler, WebhookKind, WebhookResponse } from '../webhook.js';
import { readWebhookRequest } from './webhook-request.js';

export interface ReceivedCallback {
  readonly kind: WebhookKind;
  readonly events: readonly ProviderEvent[];
  readonly response: WebhookResponse;
}

export class LoopbackWebhookReceiver {
  readonly calls: ReceivedCallback[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
    private readonly provider: string,
    private readonly accountId: string,
  ) {}

  static async start(provider: string, accountId: string, handler: () => WebhookHandler): Promise<LoopbackWebhookReceiver> {
    const holder: { receiver?: LoopbackWebhookReceiver } = {};
    const server = http.createServer((req, res) => {
      void (async () => {
        const receiver = holder.receiver;
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const m = /^\/webhooks\/([^/]+)\/([^/]+)\/(status|inbound)$/.exec(path);
        if (receiver === undefined || m === null || m[1] !== provider || m[2] !== accountId) {
          res.writeHead(404).end();
          return;
        }
        const kind = m[3] === 'status' ? 'status' : 'inbound';
        const request = await readWebhookRequest(req, receiver.origin);
        const result = await handler().handleWebhook(kind, request);
        receiver.calls.push({ kind, events: result.events, response: result.response });
        res.writeHead(result.response.status, { 'content-type': result.response.contentType }).end(result.response.body);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new LoopbackWebhookReceiver(server, `http://127.0.0.1:${port}`, provider, accountId);
    holder.receiver = receiver;
    return receiver;
  }

  url(kind: WebhookKind): string {
    return `${this.origin}/webhooks/${this.provider}/${this.accountId}/${kind}`;
  }

  /** Calls received since `mark` (a previous `calls.length`), their events flattened. */
  since(mark: number): { readonly events: readonly ProviderEvent[]; readonly responses: readonly WebhookResponse[] } {
    const calls = this.calls.slice(mark);
    return { events: calls.flatMap((c) => c.events), responses: calls.map((c) => c.response) };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
