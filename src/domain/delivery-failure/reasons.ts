// Why a message did not reach its recipient, in words an agent can act on. Providers speak in
// codes (Twilio 30003, Vonage err-code 2, SMPP 0x0B, a gateway's "absent_subscriber"); the
// Banner shows a plain reason in the agent's language with the provider's code beside it, and
// a supervisor's log reads the same table. Pure data and functions: no I/O.
import type { MessageStatus } from '../messages/status.js';

/** Stable reason keys: the Banner's dictionaries hold their texts and advice. */
export const FAILURE_REASONS = [
  'unreachable',
  'blocked_by_carrier',
  'opted_out',
  'invalid_number',
  'landline',
  'spam_filtered',
  'expired',
  'message_refused',
  'service_problem',
  'network_problem',
  'unknown',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * Where a code came from: the provider's answer to the submission (the message ends `rejected`)
 * or a later delivery report (`failed`, `undelivered`). The same number can mean two different
 * things at Vonage (submit status 2 "missing parameters", receipt err-code 2 "absent subscriber").
 */
export type FailureSource = 'submit' | 'report';

/** Whether sending the same text again later can reach the customer (the Banner's advice says so). */
export const SEND_AGAIN_HELPS: Readonly<Record<FailureReason, boolean>> = {
  unreachable: true,
  blocked_by_carrier: false,
  opted_out: false,
  invalid_number: false,
  landline: false,
  spam_filtered: false,
  expired: true,
  message_refused: false,
  service_problem: false,
  network_problem: true,
  unknown: true,
};

/** The statuses that carry a failure reason, and where their code came from. */
export function failureSource(status: MessageStatus): FailureSource | null {
  if (status === 'rejected') return 'submit';
  if (status === 'failed' || status === 'undelivered') return 'report';
  return null;
}
