// What adapters offer beyond the SmsProvider port: webhook handling, a connection test, and
// the extra facts some providers report (opt-out flags, echoed product ids). Kept out of
// ports.ts so the domain port stays minimal; every type here is a structural extension of
// the port's types, so a use case that knows only ProviderEvent keeps working.
import type { ProviderEvent, SmsProvider } from '../domain/ports.js';

export type WebhookKind = 'status' | 'inbound';

export interface WebhookRequest {
  readonly method: string;
  /**
   * The full public URL the provider called (scheme, host, port if any, path, query).
   * Behind a proxy, rebuild it from the forwarded scheme and host: some signatures cover it.
   */
  readonly url: string;
  /** Header names in lower case, as node:http gives them (a repeated header may be an array). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received. Signatures are checked over these bytes, never a re-serialisation. */
  readonly rawBody: string;
  /** The request's Content-Type header value ('' when absent). */
  readonly contentType: string;
}

export interface WebhookResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Why a webhook produced no events; safe to log (never contains a secret or a signature). */
export type WebhookRefusal =
  | 'missing_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'malformed'
  | 'method_not_allowed'
  | 'not_configured';

export interface WebhookResult {
  readonly events: readonly ProviderEventDetail[];
  /** What to answer the provider, after the events are persisted. */
  readonly response: WebhookResponse;
  /** Set when the request was refused; `events` is then empty. */
  readonly refused?: WebhookRefusal;
}

/**
 * Webhook providers (Twilio, HTTPS JSON, Vonage) report through the product's HTTP endpoint.
 * handleWebhook verifies the signature before reading anything else and has no side effects:
 * the caller persists the events, then sends `response`. The same request handled twice gives
 * the same events, so a provider's redelivery is deduplicated by the event keys downstream.
 * Adapters that need no I/O answer synchronously; the caller awaits either way.
 */
export interface WebhookHandler {
  handleWebhook(kind: WebhookKind, request: WebhookRequest): WebhookResult | Promise<WebhookResult>;
}

/** One header's value; for a repeated header, the first. */
export function headerValue(request: Pick<WebhookRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : value?.[0];
}

export type ConnectionProblem = 'credentials' | 'unreachable' | 'unsupported' | 'unexpected';

export type ConnectionTestResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: ConnectionProblem; readonly reason: string };

/** Checks credentials and reachability without sending or billing anything. */
export interface ConnectionTester {
  testConnection(signal?: AbortSignal): Promise<ConnectionTestResult>;
}

export type WebhookSmsProvider = SmsProvider & WebhookHandler & ConnectionTester;

export type OptOutKeyword = 'STOP' | 'START';

export type StatusEvent = Extract<ProviderEvent, { type: 'status' }> & {
  /** The provider's own status word. (provider, providerMessageId, providerStatus[, part]) is the report's dedupe key. */
  readonly providerStatus?: string;
  /** The product message id, when the provider echoes it (HTTPS JSON `retId`, Vonage `client-ref`). */
  readonly messageId?: string;
  /** 1-based part number, for providers that report each segment on its own. */
  readonly part?: number;
  /** Set with errorCode: whether the provider's code allows one later resend of the same content. */
  readonly errorRetryable?: boolean;
};

export type InboundEvent = Extract<ProviderEvent, { type: 'inbound' }> & {
  /**
   * Set only when the provider itself matched an opt-out or opt-in keyword (Twilio
   * `OptOutType`), which also means the provider now blocks (or unblocks) this pair. Absent
   * does not mean "not an opt-out": the product's own keyword matcher still reads `body`.
   */
  readonly optOut?: OptOutKeyword;
};

export type ProviderEventDetail = StatusEvent | InboundEvent;

export function isWebhookHandler(provider: SmsProvider): provider is SmsProvider & WebhookHandler {
  return typeof (provider as Partial<WebhookHandler>).handleWebhook === 'function';
}

export function isConnectionTester(provider: SmsProvider): provider is SmsProvider & ConnectionTester {
  return typeof (provider as Partial<ConnectionTester>).testConnection === 'function';
}

/** The provider's opt-out flag on an inbound event, if it set one. */
export function providerOptOut(event: ProviderEvent): OptOutKeyword | undefined {
  if (event.type !== 'inbound') return undefined;
  const flag = (event as InboundEvent).optOut;
  return flag === 'STOP' || flag === 'START' ? flag : undefined;
}

/**
 * reconcile() rejects with this when the provider could not be asked right now (unreachable,
 * rate limited, 5xx). It is not an answer: the caller asks again later, and must not resend.
 */
export class ReconcileUnavailableError extends Error {
  override readonly name = 'ReconcileUnavailableError';
  constructor(
    message: string,
    readonly problem: 'unreachable' | 'rate_limited' | 'credentials' | 'unexpected',
  ) {
    super(message);
  }
}
