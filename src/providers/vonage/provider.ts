// The Vonage SMS API adapter (rest.nexmo.com /sms/json): submissions over HTTPS with keep-alive, receipts and
// inbound messages through handleWebhook, which the HTTP layer calls for
// /webhooks/vonage/{accountId}/{token}/status and /webhooks/vonage/{accountId}/{token}/inbound.
import type { OutboundSms, ProviderEvent, ReconcileResult, SmsProvider } from '../../domain/ports.js';
import type { ConnectionTestResult, ProviderEventDetail, WebhookKind, WebhookRequest, WebhookResult } from '../webhook.js';
import { resolveVonageConfig, type ResolvedVonageConfig, type VonageConfig } from './config.js';
import { HttpClient } from './http-client.js';
import { InboundAssembler } from './inbound-assembler.js';
import { ReplayGuard } from './replay-guard.js';
import { interpretSubmit, type VonageSubmitResult } from './submit-response.js';
import { handleVonageWebhook, inboundEvent } from './webhook-handler.js';

export interface VonageProvider extends SmsProvider {
  readonly name: 'vonage';
  submit(message: OutboundSms, signal: AbortSignal): Promise<VonageSubmitResult>;
  handleWebhook(kind: WebhookKind, req: WebhookRequest): Promise<WebhookResult>;
  /** Checks the credentials with the account balance: nothing is sent or billed. */
  testConnection(signal?: AbortSignal): Promise<ConnectionTestResult>;
  /** Incomplete inbound messages given up on between webhooks are reported here (and with the next webhook). */
  onEvent(listener: (event: ProviderEvent) => void): void;
  close(): Promise<void>;
}

const CLIENT_REF_MAX = 40;
const CLIENT_REFS_KEPT = 50_000;

export function createVonageProvider(input: VonageConfig, now: () => Date = () => new Date()): VonageProvider {
  return new VonageAdapter(resolveVonageConfig(input), now);
}

class VonageAdapter implements VonageProvider {
  readonly name = 'vonage' as const;
  private readonly http: HttpClient;
  private readonly assembler: InboundAssembler;
  private readonly replay: ReplayGuard;
  private readonly listeners = new Set<(event: ProviderEvent) => void>();
  /** Partial inbound messages nobody has taken yet. */
  private readonly held: ProviderEventDetail[] = [];
  /** client-ref → the part id a receipt gave it: proof that Vonage has a message whose answer was lost. */
  private readonly clientRefs = new Map<string, string>();
  private readonly expiryTimer: NodeJS.Timeout;

  constructor(
    private readonly config: ResolvedVonageConfig,
    private readonly now: () => Date,
  ) {
    const clock = () => this.now().getTime();
    this.http = new HttpClient({ maxSockets: config.maxSockets, connectTimeoutMs: config.connectTimeoutMs, timeoutMs: config.timeoutMs });
    this.assembler = new InboundAssembler({ maxPending: config.inboundMaxPending, expiryMs: config.inboundExpiryMs, now: clock });
    this.replay = new ReplayGuard({ maxSkewMs: 5 * 60_000, maxNonces: 100_000, now: clock });
    this.expiryTimer = setInterval(() => this.holdExpired(), Math.min(config.inboundExpiryMs, 60_000));
    this.expiryTimer.unref();
  }

  async submit(message: OutboundSms, signal: AbortSignal): Promise<VonageSubmitResult> {
    const to = message.to.replace(/^\+/, '');
    if (!/^\d{7,15}$/.test(to)) return { kind: 'permanent', error: 'recipient is not in E.164', code: 'invalid_address' };
    if (message.messageId.length > CLIENT_REF_MAX) {
      return { kind: 'permanent', error: `message id longer than ${CLIENT_REF_MAX} characters`, code: 'client_ref_too_long' };
    }
    const body: Record<string, string | number> = {
      from: message.from.replace(/^\+/, ''),
      to,
      text: message.body,
      // National shift tables do not exist on this API: such text is sent as Unicode, never garbled.
      type: message.encoding === 'UCS-2' || message.nationalLanguage ? 'unicode' : 'text',
      'client-ref': message.messageId,
      ...(this.config.statusCallbackUrl ? { callback: this.config.statusCallbackUrl } : {}),
      ...(this.config.ttlMs ? { ttl: this.config.ttlMs } : {}),
    };
    const outcome = await this.http.request({
      method: 'POST',
      url: new URL('sms/json', this.config.base),
      headers: {
        authorization: this.basicAuth(),
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
      signal,
    });
    return interpretSubmit(outcome);
  }

  /**
   * The SMS API has no look-up. A receipt carrying the message's client-ref proves Vonage took it; without one
   * nobody can tell, and the message goes to review rather than out a second time.
   */
  async reconcile(message: OutboundSms): Promise<ReconcileResult> {
    const partId = this.clientRefs.get(message.messageId);
    // With several parts, a receipt's id may be any part's: it cannot stand for the message.
    if (partId && message.segments <= 1) return { kind: 'found', providerMessageId: partId };
    return { kind: 'unknown' };
  }

  async handleWebhook(kind: WebhookKind, req: WebhookRequest): Promise<WebhookResult> {
    const result = handleVonageWebhook(kind, req, {
      accountId: this.config.accountId,
      signatureSecret: this.config.signatureSecret,
      signatureMethod: this.config.signatureMethod,
      replay: this.replay,
      assembler: this.assembler,
      now: this.now,
      onClientRef: (ref, partId) => this.rememberClientRef(ref, partId),
    });
    if (result.response.status !== 200) return result;
    this.holdExpired();
    if (this.held.length === 0) return result;
    return { ...result, events: [...this.held.splice(0), ...result.events] };
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionTestResult> {
    const outcome = await this.http.request({
      method: 'GET',
      url: new URL('account/get-balance', this.config.base),
      headers: { authorization: this.basicAuth(), accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
    if (outcome.kind !== 'response') return { ok: false, problem: 'unreachable', reason: outcome.reason };
    if (outcome.status === 200) return { ok: true };
    if (outcome.status === 401 || outcome.status === 403) return { ok: false, problem: 'credentials', reason: `HTTP ${outcome.status}` };
    return { ok: false, problem: 'unexpected', reason: `HTTP ${outcome.status}` };
  }

  onEvent(listener: (event: ProviderEvent) => void): void {
    this.listeners.add(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.expiryTimer);
    this.http.close();
  }

  private basicAuth(): string {
    return `Basic ${Buffer.from(`${this.config.apiKey}:${this.config.apiSecret}`).toString('base64')}`;
  }

  private rememberClientRef(ref: string, partId: string): void {
    if (this.clientRefs.has(ref)) return;
    if (this.clientRefs.size >= CLIENT_REFS_KEPT) {
      const oldest = this.clientRefs.keys().next();
      if (!oldest.done) this.clientRefs.delete(oldest.value);
    }
    this.clientRefs.set(ref, partId);
  }

  /** Incomplete messages given up on go to the listeners; without one, they ride on the next webhook's answer. */
  private holdExpired(): void {
    for (const m of this.assembler.expire()) this.held.push(inboundEvent(m, this.config.accountId));
    if (this.held.length === 0 || this.listeners.size === 0) return;
    const events = this.held.splice(0);
    void this.offer(events);
  }

  private async offer(events: ProviderEventDetail[]): Promise<void> {
    for (const event of events) {
      try {
        for (const l of this.listeners) await (l(event) as unknown);
      } catch {
        this.held.push(event);
      }
    }
  }
}
