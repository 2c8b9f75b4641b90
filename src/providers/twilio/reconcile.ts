// Settles an uncertain send by asking Twilio which messages exist (reference §6): Twilio has no
// outbound dedupe, so a resend is safe only when the list proves the first request created
// nothing. A match is an outbound message with the same To, From and Body, created no earlier
// than the attempt (minus a clock-skew allowance). Two matches mean the product sent the same text
// twice in that window: the answer is 'unknown' rather than a guess that could lose or double one.
import type { OutboundSms, ReconcileResult } from '../../domain/ports.js';
import type { HttpOutcome } from '../http/client.js';
import { readJsonObject } from '../http/json.js';
import { ReconcileUnavailableError } from '../webhook.js';
import { mapTwilioStatus } from './status-map.js';

export interface ListedMessage {
  readonly sid: string;
  readonly to: string;
  readonly from: string | null;
  readonly body: string;
  readonly status: string;
  readonly direction: string;
  readonly messagingServiceSid: string | null;
  readonly dateCreated: Date | null;
}

/** The two list queries: recent messages by date sent, then the newest page for the pair (queued messages have no date_sent yet). */
export function reconcileQueries(message: OutboundSms, since: Date, skewMs: number): URLSearchParams[] {
  const from = new Date(since.getTime() - skewMs);
  const byDate = new URLSearchParams({ To: message.to, From: message.from, PageSize: '50' });
  // twilio-node sends DateSent> as the name: on the wire it reads DateSent%3E=<date>.
  byDate.set('DateSent>', from.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const newest = new URLSearchParams({ To: message.to, From: message.from, PageSize: '50' });
  return [byDate, newest];
}

export function readMessageList(outcome: HttpOutcome): ListedMessage[] {
  if (outcome.kind !== 'response') throw new ReconcileUnavailableError(`twilio unreachable: ${outcome.reason}`, 'unreachable');
  if (outcome.status === 429) throw new ReconcileUnavailableError('twilio rate limited the message list', 'rate_limited');
  if (outcome.status === 401 || outcome.status === 403) throw new ReconcileUnavailableError('twilio refused the credentials', 'credentials');
  const json = outcome.status === 200 ? readJsonObject(outcome.body) : null;
  const list = json?.['messages'];
  if (!Array.isArray(list)) throw new ReconcileUnavailableError(`twilio answered the message list with ${outcome.status}`, 'unexpected');
  return list.flatMap((item: unknown) => {
    const m = listed(item);
    return m === null ? [] : [m];
  });
}

function listed(item: unknown): ListedMessage | null {
  if (typeof item !== 'object' || item === null) return null;
  const r = item as Record<string, unknown>;
  const str = (k: string): string | null => (typeof r[k] === 'string' ? (r[k] as string) : null);
  const sid = str('sid');
  const to = str('to');
  if (sid === null || to === null) return null;
  const created = str('date_created');
  const parsed = created === null ? Number.NaN : Date.parse(created);
  return {
    sid,
    to,
    from: str('from'),
    body: str('body') ?? '',
    status: str('status') ?? '',
    direction: str('direction') ?? '',
    messagingServiceSid: str('messaging_service_sid'),
    dateCreated: Number.isNaN(parsed) ? null : new Date(parsed),
  };
}

export function matchListed(message: OutboundSms, since: Date, skewMs: number, listedMessages: readonly ListedMessage[]): ReconcileResult {
  // Twilio's dates have a resolution of one second: a message created in the same second as
  // `since` reads as earlier than it.
  const earliest = Math.floor((since.getTime() - skewMs) / 1000) * 1000;
  const matches = new Map<string, ListedMessage>();
  for (const m of listedMessages) {
    if (!m.direction.startsWith('outbound')) continue;
    if (m.to !== message.to || m.from !== message.from || m.body !== message.body) continue;
    if (m.dateCreated === null || m.dateCreated.getTime() < earliest) continue;
    matches.set(m.sid, m);
  }
  if (matches.size === 0) return { kind: 'not_found' };
  if (matches.size > 1) return { kind: 'unknown' };
  const [only] = matches.values();
  if (only === undefined) return { kind: 'not_found' };
  const status = mapTwilioStatus(only.status);
  return { kind: 'found', providerMessageId: only.sid, ...(status === null ? {} : { status }) };
}
