// The HTTPS JSON adapter: the product's own published contract (reference §8, docs/providers.md),
// for gateways that implement it. Sends carry the product message id as retId and
// Idempotency-Key; the gateway must dedupe on it, which makes an uncertain send safe to settle by
// sending again with the same id: reconcile() does exactly that and gets the original id back.
import type { OutboundSms, ReconcileResult, SubmitResult } from '../../domain/ports.js';
import { basicAuthorization } from '../http/basic-auth.js';
import { HttpClient } from '../http/client.js';
import { ReconcileUnavailableError, type ConnectionTestResult, type WebhookKind, type WebhookRequest, type WebhookResult, type WebhookSmsProvider } from '../webhook.js';
import { httpJsonConfigSchema, type HttpJsonConfig, type ResolvedHttpJsonConfig } from './config.js';
import { sendPayload } from './payloads.js';
import { signatureHeaderValue, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';
import { interpretSend } from './submit-response.js';
import { handleHttpJsonWebhook } from './webhook-handler.js';

export interface HttpJsonProviderContext {
  /** The product account this connector belongs to: every event carries it. */
  readonly accountId: string;
  readonly now?: () => Date;
}

export type HttpJsonProvider = WebhookSmsProvider & { readonly name: 'http-json'; close(): Promise<void> };

export function createHttpJsonProvider(config: HttpJsonConfig, context: HttpJsonProviderContext): HttpJsonProvider {
  return new HttpJsonAdapter(httpJsonConfigSchema.parse(config), context.accountId, context.now ?? (() => new Date()));
}

class HttpJsonAdapter implements HttpJsonProvider {
  readonly name = 'http-json' as const;
  private readonly http: HttpClient;
  private readonly url: URL;
  private readonly secrets: readonly string[];

  constructor(
    private readonly config: ResolvedHttpJsonConfig,
    private readonly accountId: string,
    private readonly now: () => Date,
  ) {
    this.http = new HttpClient({
      maxSockets: config.maxSockets,
      connectTimeoutMs: config.connectTimeoutMs,
      timeoutMs: config.timeoutMs,
      ...(config.caCertificate === undefined ? {} : { ca: config.caCertificate }),
    });
    this.url = new URL(config.url);
    this.secrets = config.previousWebhookSecret === undefined ? [config.webhookSecret] : [config.webhookSecret, config.previousWebhookSecret];
  }

  async submit(message: OutboundSms, signal: AbortSignal): Promise<SubmitResult> {
    // The stricter of the message's category and the account's setting: an account that declared
    // all its traffic MARKETING stays so, and a MARKETING template or queue is never sent as a notification.
    const type = message.category === 'MARKETING' ? 'MARKETING' : this.config.trafficType;
    return interpretSend(await this.post(JSON.stringify(sendPayload(message, type)), { 'idempotency-key': message.messageId }, signal), this.now());
  }

  /**
   * Sends again with the same retId. A gateway that took the first request answers with its
   * original id (found); one that never saw it takes it now, once (found as well). A refusal
   * means it holds no such message (not_found). When it cannot answer, ask again later.
   */
  async reconcile(message: OutboundSms): Promise<ReconcileResult> {
    const result = await this.submit(message, new AbortController().signal);
    switch (result.kind) {
      case 'accepted':
        return { kind: 'found', providerMessageId: result.providerMessageId, status: 'sent' };
      case 'permanent':
        if (result.code === 'http_401' || result.code === 'http_403') throw new ReconcileUnavailableError(result.error, 'credentials');
        return { kind: 'not_found' };
      case 'transient':
        throw new ReconcileUnavailableError(result.error, result.code === 'http_429' ? 'rate_limited' : 'unreachable');
      case 'uncertain':
        throw new ReconcileUnavailableError(result.error, 'unreachable');
    }
  }

  handleWebhook(kind: WebhookKind, request: WebhookRequest): WebhookResult {
    return handleHttpJsonWebhook(kind, request, { secrets: this.secrets, accountId: this.accountId, now: this.now });
  }

  /**
   * The contract's test request: no to/text/retId in the body, so a gateway that ignores the
   * header still cannot send anything.
   */
  async testConnection(signal?: AbortSignal): Promise<ConnectionTestResult> {
    const body = JSON.stringify({ test: true, type: this.config.trafficType, sender: this.config.sender });
    const outcome = await this.post(body, { 'x-connection-test': '1' }, signal ?? new AbortController().signal);
    if (outcome.kind !== 'response') return { ok: false, problem: 'unreachable', reason: `gateway unreachable: ${outcome.reason}` };
    const { status } = outcome;
    if (status >= 200 && status < 300) return { ok: true };
    if (status === 401 || status === 403) return { ok: false, problem: 'credentials', reason: `gateway refused the credentials (${status})` };
    if (status >= 400 && status < 500) return { ok: false, problem: 'unsupported', reason: `gateway answered ${status}: test mode not implemented` };
    return { ok: false, problem: 'unexpected', reason: `gateway answered ${status}` };
  }

  async close(): Promise<void> {
    this.http.close();
  }

  private post(body: string, extra: Record<string, string>, signal: AbortSignal) {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...extra };
    if (this.config.username !== undefined && this.config.password !== undefined) headers['authorization'] = basicAuthorization(this.config.username, this.config.password);
    if (this.config.signRequests) {
      const timestamp = String(Math.floor(this.now().getTime() / 1000));
      headers[TIMESTAMP_HEADER] = timestamp;
      headers[SIGNATURE_HEADER] = signatureHeaderValue([this.config.webhookSecret], timestamp, body);
    }
    return this.http.request({ method: 'POST', url: this.url, headers, body, signal });
  }
}
