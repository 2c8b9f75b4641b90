// Twilio message status → product status (reference §5). Statuses that only describe inbound
// messages (receiving, received) change nothing on an outbound message: null.
import type { MessageStatus } from '../../domain/messages/status.js';

const TWILIO_STATUS: Readonly<Record<string, MessageStatus | null>> = {
  accepted: 'sent',
  scheduled: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  partially_delivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
  receiving: null,
  received: null,
};

/** The product status for a Twilio status word; null when it changes nothing or is unknown. */
export function mapTwilioStatus(status: string): MessageStatus | null {
  return Object.hasOwn(TWILIO_STATUS, status) ? (TWILIO_STATUS[status] ?? null) : null;
}
