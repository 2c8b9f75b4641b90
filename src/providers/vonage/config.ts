// What an account's Vonage SMS API connector is configured with, and the defaults that fill the rest.
import { endpointUrlProblem } from '../http/endpoint-url.js';
import type { SignatureMethod } from './signature.js';

export interface VonageConfig {
  readonly accountId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Default https://rest.nexmo.com. */
  readonly baseUrl?: string;
  /** Per-message receipt URL (`callback`), e.g. https://smsdesk.example.com/webhooks/vonage/{accountId}/{token}/status. */
  readonly statusCallbackUrl?: string;
  /** The account's signature secret, when Vonage support has turned signed webhooks on. */
  readonly signatureSecret?: string;
  readonly signatureMethod?: SignatureMethod;
  /** Message lifetime at Vonage in ms (20 000–604 800 000); absent: Vonage's 72 h. */
  readonly ttlMs?: number;
  readonly maxSockets?: number;
  readonly connectTimeoutMs?: number;
  /** No response by then: the submission is uncertain (default 15 s). */
  readonly timeoutMs?: number;
  /** Parts of long inbound messages held until the rest arrives: at most this many messages... */
  readonly inboundMaxPending?: number;
  /** ...for at most this long, then what arrived is passed on, marked incomplete. */
  readonly inboundExpiryMs?: number;
}

export type ResolvedVonageConfig = Required<Omit<VonageConfig, 'statusCallbackUrl' | 'signatureSecret' | 'ttlMs'>> &
  Pick<VonageConfig, 'statusCallbackUrl' | 'signatureSecret' | 'ttlMs'> & { readonly base: URL };

export function resolveVonageConfig(c: VonageConfig): ResolvedVonageConfig {
  if (!c.apiKey || !c.apiSecret) throw new Error('Vonage api key and secret are required');
  const baseUrl = c.baseUrl ?? 'https://rest.nexmo.com';
  // The schema refuses these already; an adapter built directly must not be able to send credentials in clear.
  for (const [name, url] of [['baseUrl', baseUrl], ['statusCallbackUrl', c.statusCallbackUrl]] as const) {
    const problem = url === undefined ? null : endpointUrlProblem(url);
    if (problem !== null) throw new Error(`Vonage ${name} ${problem}`);
  }
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (c.ttlMs !== undefined && (c.ttlMs < 20_000 || c.ttlMs > 604_800_000)) throw new Error('Vonage ttl must be 20 000–604 800 000 ms');
  return {
    accountId: c.accountId,
    apiKey: c.apiKey,
    apiSecret: c.apiSecret,
    baseUrl,
    base,
    statusCallbackUrl: c.statusCallbackUrl,
    signatureSecret: c.signatureSecret,
    signatureMethod: c.signatureMethod ?? 'md5hash',
    ttlMs: c.ttlMs,
    maxSockets: c.maxSockets ?? 64,
    connectTimeoutMs: c.connectTimeoutMs ?? 5_000,
    timeoutMs: c.timeoutMs ?? 15_000,
    inboundMaxPending: c.inboundMaxPending ?? 10_000,
    inboundExpiryMs: c.inboundExpiryMs ?? 10 * 60_000,
  };
}
