// A log row as the API answers it, and as the export writes it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { LogRow } from './log-query.js';

export interface LogEntryView {
  readonly id: string;
  readonly at: string;
  readonly direction: 'out' | 'in';
  readonly mode: 'direct' | 'smart';
  readonly status: string;
  readonly customer: string;
  readonly customerName: string | null;
  /** ISO 3166 alpha-2 of the customer's number; null when it has none (short code, unknown). */
  readonly country: string | null;
  readonly smsNumber: string;
  readonly smsNumberLabel: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly interactionId: string | null;
  readonly queueId: string | null;
  readonly queueName: string | null;
  readonly body: string | null;
  readonly encoding: string;
  readonly segments: number;
  readonly credits: number;
  readonly errorCode: string | null;
  readonly reason: string | null;
  readonly deliveredAt: string | null;
}

// One parse per number, not per row: an export repeats the same customers.
const countries = new Map<string, string | null>();

export function countryOf(number: string): string | null {
  const known = countries.get(number);
  if (known !== undefined) return known;
  const country = number.startsWith('+') ? (parsePhoneNumberFromString(number)?.country ?? null) : null;
  if (countries.size >= 10_000) countries.clear();
  countries.set(number, country);
  return country;
}

export function logEntryView(r: LogRow): LogEntryView {
  return {
    id: r.id,
    at: new Date(r.createdAt).toISOString(),
    direction: r.direction,
    mode: r.interactionId ? 'smart' : 'direct',
    status: r.status,
    customer: r.customer,
    customerName: r.customerName,
    country: countryOf(r.customer),
    smsNumber: r.smsNumber,
    smsNumberLabel: r.smsNumberLabel,
    agentId: r.agentId,
    agentName: r.agentName,
    interactionId: r.interactionId,
    queueId: r.queueId,
    queueName: r.queueName,
    body: r.body,
    encoding: r.encoding,
    segments: r.segments,
    credits: r.credits,
    errorCode: r.errorCode,
    reason: r.reason,
    deliveredAt: r.deliveredAt ? new Date(r.deliveredAt).toISOString() : null,
  };
}
