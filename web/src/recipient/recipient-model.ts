// The recipient field's state, from two checks of the same rules (spec D2): the instant one in the browser
// (libphonenumber metadata and the profile's countries) and the server's, which has the last word.
import type { RecipientCheck } from '@domain/phone';
import type { NumberCheck, NumberFacts } from '../api/types';
import type { Refusal } from '../errors/error-text';

export interface RecipientSummary {
  readonly e164: string;
  readonly display: string;
  readonly country: string;
  readonly mobileVerified: boolean;
}

export type RecipientStatus =
  | { readonly state: 'empty' }
  | { readonly state: 'checking'; readonly recipient: RecipientSummary | null }
  | { readonly state: 'invalid'; readonly refusal: Refusal }
  | { readonly state: 'valid'; readonly recipient: RecipientSummary; readonly facts?: Partial<NumberFacts> };

/** The server's answer for one input; `error` when it could not be asked (offline). */
export type ServerCheck = { readonly input: string; readonly result: NumberCheck } | { readonly input: string; readonly error: Refusal };

export function fromServer(result: NumberCheck): RecipientStatus {
  if (!result.valid) return { state: 'invalid', refusal: { code: result.code, details: result.details } };
  if (!result.authorized) return { state: 'invalid', refusal: { code: result.code ?? 'COUNTRY_NOT_AUTHORIZED', details: { country: result.country } } };
  const { optedOut, optedOutAt, optedOutHow, optedOutKeyword, contactName, slotFull, openInteractions, maxInteractions, providerConfigured } = result;
  const facts: Partial<NumberFacts> = { optedOut, optedOutAt, optedOutHow, optedOutKeyword, contactName, slotFull, openInteractions, maxInteractions, providerConfigured };
  return { state: 'valid', recipient: { e164: result.e164, display: result.display, country: result.country, mobileVerified: result.mobileVerified }, facts };
}

export function recipientStatus(input: string, client: RecipientCheck | null, server: ServerCheck | null): RecipientStatus {
  if (input.trim() === '') return { state: 'empty' };
  // The browser's verdict is instant; a refusal from it needs no round trip.
  if (client && !client.ok) return { state: 'invalid', refusal: { code: client.code, details: client.details ?? null } };
  if (server && server.input === input) return 'error' in server ? { state: 'invalid', refusal: server.error } : fromServer(server.result);
  return { state: 'checking', recipient: client?.ok ? client.recipient : null };
}
