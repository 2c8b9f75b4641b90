// A provider's status event as the outbox stores it, whether it came pushed (SMPP, the
// simulator) or through a webhook. The provider's own word is an adapter extension
// (providers/webhook.ts), kept when present.
import type { StatusReport } from '../db/outbox.js';
import type { ProviderEvent } from '../domain/ports.js';

export type StatusEventOf = Extract<ProviderEvent, { type: 'status' }>;

export function statusReportOf(provider: string, event: StatusEventOf): StatusReport {
  const word: unknown = (event as { readonly providerStatus?: unknown }).providerStatus;
  return {
    accountId: event.accountId,
    provider,
    providerMessageId: event.providerMessageId,
    status: event.status,
    ...(event.errorCode !== undefined ? { errorCode: event.errorCode } : {}),
    ...(typeof word === 'string' && word !== '' ? { providerStatus: word } : {}),
    at: event.at,
  };
}
