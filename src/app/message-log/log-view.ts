// A log row as the API answers it, and as the export writes it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { LogEntryView } from '../../api/log-views.js';
import type { LogRow } from './log-query.js';

export type { LogEntryView };


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
