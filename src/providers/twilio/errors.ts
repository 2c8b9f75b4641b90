// Twilio error codes (reference §2). The product state follows the HTTP answer and
// MessageStatus; a code only says what to do next: resend, fix the number, suppress, or alert.

export type TwilioErrorAction =
  /** Nothing was accepted: send again after a back-off. */
  | 'retry'
  /** Reported after acceptance: one later resend of the same content is acceptable. */
  | 'resend_once'
  /** Never resend this content to this number. */
  | 'do_not_resend'
  /** The number cannot receive SMS: mark it invalid. */
  | 'invalid_number'
  /** The recipient opted out at Twilio: add to the product's suppression list. */
  | 'suppress'
  /** The connector is misconfigured (credentials, geo permissions, sender): alert an administrator. */
  | 'fix_config';

export interface TwilioErrorInfo {
  readonly action: TwilioErrorAction;
  readonly meaning: string;
}

const KNOWN: Readonly<Record<string, TwilioErrorInfo>> = {
  '20003': { action: 'fix_config', meaning: 'authentication failed' },
  '20404': { action: 'fix_config', meaning: 'resource not found (account SID)' },
  '20429': { action: 'retry', meaning: 'too many requests' },
  '21211': { action: 'invalid_number', meaning: "invalid 'To' number" },
  '21408': { action: 'fix_config', meaning: 'region not enabled (geo permissions)' },
  '21606': { action: 'fix_config', meaning: "'From' number cannot send to this destination" },
  '21610': { action: 'suppress', meaning: 'recipient replied STOP to this sender' },
  '21612': { action: 'fix_config', meaning: 'this From/To pair is not routable' },
  '30001': { action: 'resend_once', meaning: 'queue overflow' },
  '30003': { action: 'resend_once', meaning: 'handset unreachable' },
  '30008': { action: 'resend_once', meaning: 'unknown carrier error' },
  '30004': { action: 'do_not_resend', meaning: 'blocked by the carrier or the recipient' },
  '30007': { action: 'do_not_resend', meaning: 'filtered as spam or fraud' },
  '30005': { action: 'invalid_number', meaning: 'unknown destination number' },
  '30006': { action: 'invalid_number', meaning: 'landline or unreachable carrier' },
  '30034': { action: 'fix_config', meaning: 'US A2P 10DLC sender not registered' },
};

/** What a Twilio error code calls for. Unknown codes are never resent: a duplicate is worse than a miss. */
export function twilioError(code: string): TwilioErrorInfo {
  return KNOWN[code] ?? { action: code.startsWith('30') ? 'do_not_resend' : 'fix_config', meaning: 'unlisted Twilio error' };
}

/** For a delivery error reported in a status callback: may the same content be sent once more? */
export function isRetryableDeliveryError(code: string): boolean {
  return twilioError(code).action === 'resend_once';
}
