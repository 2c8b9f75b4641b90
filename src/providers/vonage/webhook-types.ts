// The shape the HTTP layer hands webhooks to adapters in, and what it sends back.
import type { ProviderEvent } from '../../domain/ports.js';

export interface WebhookRequest {
  readonly method: string;
  /** Path and query as received (absolute or not). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly contentType: string;
}

export interface WebhookResult {
  /** To persist before `response` is sent: a failure to persist must answer 5xx instead. */
  readonly events: readonly ProviderEvent[];
  readonly response: { readonly status: number; readonly contentType: string; readonly body: string };
}

export type ConnectionTest = { readonly ok: true } | { readonly ok: false; readonly error: string };
