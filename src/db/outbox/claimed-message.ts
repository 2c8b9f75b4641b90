// A message a dispatcher holds a lease on, as the queue operations hand it out.
import { sql } from 'kysely';
import type { SmsEncodingName } from '../../domain/ports.js';
import type { NationalLanguage } from '../schema.js';

export interface ClaimedMessage {
  readonly id: string;
  readonly accountId: string;
  readonly interactionId: string | null;
  readonly agentId: string | null;
  readonly smsNumberId: string | null;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly encoding: SmsEncodingName;
  readonly segments: number;
  readonly credits: number;
  /** Hand-offs counted so far, this one included. */
  readonly attempts: number;
  readonly nationalLanguage: NationalLanguage | null;
  /** NOTIFICATION or MARKETING, as the send plan decided (migration 0021). */
  readonly category: 'NOTIFICATION' | 'MARKETING';
  /** The sender's pace; null when the message has no SMS number row. */
  readonly sendRatePerSecond: number | null;
  /**
   * The previous hand-off may have reached the provider (its dispatcher died mid-flight, or
   * the provider's answer was lost): ask the provider before any resend.
   */
  readonly inDoubt: boolean;
  /** When the previous hand-off started: where a reconciliation starts looking. */
  readonly previousSubmittedAt: Date | null;
}

/** The columns every claim returns, from a CTE named `upd` joined to sms_numbers `n`. */
export const CLAIMED_COLUMNS = sql`
  upd.id, upd.account_id, upd.interaction_id, upd.agent_id, upd.sms_number_id, upd.from_address, upd.to_address,
  upd.body, upd.encoding, upd.segments, upd.credits, upd.attempts, upd.national_language, upd.category, n.send_rate_per_second`;

export interface ClaimedRow {
  id: string;
  account_id: string;
  interaction_id: string | null;
  agent_id: string | null;
  sms_number_id: string | null;
  from_address: string;
  to_address: string;
  body: string | null;
  encoding: SmsEncodingName;
  segments: number;
  credits: number;
  attempts: number;
  national_language: NationalLanguage | null;
  category: 'NOTIFICATION' | 'MARKETING';
  send_rate_per_second: number | null;
  prev_submitted_at: Date | null;
}

export function toClaimed(r: ClaimedRow, inDoubt: boolean): ClaimedMessage {
  return {
    id: r.id,
    accountId: r.account_id,
    interactionId: r.interaction_id,
    agentId: r.agent_id,
    smsNumberId: r.sms_number_id,
    from: r.from_address,
    to: r.to_address,
    body: r.body ?? '',
    encoding: r.encoding,
    segments: r.segments,
    credits: r.credits,
    attempts: r.attempts,
    nationalLanguage: r.national_language,
    category: r.category,
    sendRatePerSecond: r.send_rate_per_second,
    inDoubt,
    previousSubmittedAt: r.prev_submitted_at,
  };
}
