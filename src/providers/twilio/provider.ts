// The Twilio Programmable Messaging adapter: sends through the Messages API with keep-alive,
// reconciles uncertain sends with the message list, and turns Twilio's signed webhooks into
// provider events. The product's webhook URLs are /webhooks/twilio/{accountId}/{token}/status (given to
// Twilio with every message) and /webhooks/twilio/{accountId}/{token}/inbound (set on the number or the
// Messaging Service).
import type { OutboundSms, ReconcileResult, SubmitResult } from '../../domain/ports.js';
import { basicAuthorization } from '../http/basic-auth.js';
import { HttpClient, type HttpOutcome } from '../http/client.js';
import { readJsonObject } from '../http/json.js';
import type { ConnectionTestResult, WebhookKind, WebhookRequest, WebhookResult, WebhookSmsProvider } from '../webhook.js';
import { twilioConfigSchema, type ResolvedTwilioConfig, type TwilioConfig } from './config.js';
import { matchListed, readMessageList, reconcileQueries, type ListedMessage } from './reconcile.js';
import { interpretCreateMessage } from './submit-response.js';
import { handleTwilioWebhook, MESSAGE_ID_PARAM } from './webhook-handler.js';

export interface TwilioProviderContext {
  /** The product account this connector belongs to: every event carries it. */
  readonly accountId: string;
  readonly now?: () => Date;
}

export type TwilioProvider = WebhookSmsProvider & { readonly name: 'twilio'; close(): Promise<void> };

export function createTwilioProvider(config: TwilioConfig, context: TwilioProviderContext): TwilioProvider {
  return new TwilioAdapter(twilioConfigSchema.parse(config), context.accountId, context.now ?? (() => new Date()));
}

const API_VERSION = '2010-04-01';

class TwilioAdapter implements TwilioProvider {
  readonly name = 'twilio' as const;
  private readonly http: HttpClient;
  private readonly authorization: string;
  private readonly accountPath: string;

  constructor(
    private readonly config: ResolvedTwilioConfig,
    private readonly accountId: string,
    private readonly now: () => Date,
  ) {
    this.http = new HttpClient({ maxSockets: config.maxSockets, connectTimeoutMs: config.connectTimeoutMs, timeoutMs: config.timeoutMs });
    this.authorization =
      config.apiKeySid !== undefined && config.apiKeySecret !== undefined
        ? basicAuthorization(config.apiKeySid, config.apiKeySecret)
        : basicAuthorization(config.accountSid, config.authToken);
    this.accountPath = `/${API_VERSION}/Accounts/${config.accountSid}`;
  }

  async submit(message: OutboundSms, signal: AbortSignal): Promise<SubmitResult> {
    const form = new URLSearchParams({ To: message.to, From: message.from, Body: message.body, StatusCallback: this.statusCallbackFor(message) });
    if (this.config.messagingServiceSid !== undefined) form.set('MessagingServiceSid', this.config.messagingServiceSid);
    if (this.config.validityPeriodSeconds !== undefined) form.set('ValidityPeriod', String(this.config.validityPeriodSeconds));
    const outcome = await this.http.request({
      method: 'POST',
      url: this.url(`${this.accountPath}/Messages.json`),
      headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal,
    });
    return interpretCreateMessage(outcome, this.now());
  }

  async reconcile(message: OutboundSms, since: Date): Promise<ReconcileResult> {
    const seen: ListedMessage[] = [];
    for (const query of reconcileQueries(message, since, this.config.reconcileSkewMs)) {
      seen.push(...readMessageList(await this.get(`${this.accountPath}/Messages.json?${query.toString()}`)));
      const result = matchListed(message, since, this.config.reconcileSkewMs, seen);
      if (result.kind !== 'not_found') return result;
    }
    return { kind: 'not_found' };
  }

  handleWebhook(kind: WebhookKind, request: WebhookRequest): WebhookResult {
    return handleTwilioWebhook(kind, request, { authToken: this.config.authToken, accountId: this.accountId, now: this.now });
  }

  /** Reads the account resource: proves the credentials and the SID without sending anything. */
  async testConnection(signal?: AbortSignal): Promise<ConnectionTestResult> {
    const outcome = await this.get(`${this.accountPath}.json`, signal);
    if (outcome.kind !== 'response') return { ok: false, problem: 'unreachable', reason: `Twilio unreachable: ${outcome.reason}` };
    if (outcome.status === 401 || outcome.status === 403) return { ok: false, problem: 'credentials', reason: 'Twilio refused the credentials' };
    if (outcome.status === 404) return { ok: false, problem: 'credentials', reason: 'Twilio knows no such account SID for these credentials' };
    if (outcome.status !== 200) return { ok: false, problem: 'unexpected', reason: `Twilio answered ${outcome.status}` };
    const status = readJsonObject(outcome.body)?.['status'];
    if (status !== undefined && status !== 'active') return { ok: false, problem: 'credentials', reason: `the Twilio account is ${String(status)}` };
    return { ok: true };
  }

  async close(): Promise<void> {
    this.http.close();
  }

  // The product message id rides in the callback URL (which Twilio signs), so a report that
  // overtakes the recorded acceptance can still be matched to its message.
  private statusCallbackFor(message: OutboundSms): string {
    const url = new URL(this.config.statusCallbackUrl);
    url.searchParams.set(MESSAGE_ID_PARAM, message.messageId);
    return url.toString();
  }

  private get(pathAndQuery: string, signal?: AbortSignal): Promise<HttpOutcome> {
    return this.http.request({
      method: 'GET',
      url: this.url(pathAndQuery),
      headers: { authorization: this.authorization, accept: 'application/json' },
      ...(signal === undefined ? {} : { signal }),
    });
  }

  private url(pathAndQuery: string): URL {
    return new URL(pathAndQuery, this.config.baseUrl);
  }
}
