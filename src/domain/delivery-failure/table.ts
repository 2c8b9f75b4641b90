// The one table from a provider's code to a plain reason (docs/delivery-reasons.md lists it).
// Keyed by provider, then by where the code came from (FailureSource in reasons.ts), then by the code as
// stored on the message after normalisation (normalizeCode). A code the table does not know is
// `unknown`: the Banner still shows the code itself beside the reason.
import type { FailureReason } from './reasons.js';

type Codes = Readonly<Record<string, FailureReason>>;

export interface ProviderCodes {
  /** Codes that mean the same whether they came with the submission's answer or a report. */
  readonly any?: Codes;
  readonly submit?: Codes;
  readonly report?: Codes;
  /** The provider's own status words of a report (SMPP `stat:`, Vonage DLR `status`), upper-cased. */
  readonly words?: Codes;
}

/** Codes the product itself records for any provider's submission (transport, HTTP status). */
export const COMMON_CODES: Codes = {
  network: 'network_problem',
  not_sent: 'network_problem',
  http_409: 'network_problem',
  http_429: 'network_problem',
  http_401: 'service_problem',
  http_402: 'service_problem',
  http_403: 'service_problem',
  // smsdesk's own refusal, on a scheduled message the opt-out stopped at its time (docs/scheduled-sends.md).
  RECIPIENT_OPTED_OUT: 'opted_out',
};

export const FAILURE_TABLE: Readonly<Record<string, ProviderCodes>> = {
  // Twilio's codes are unique across the API: one map whatever the source.
  twilio: {
    any: {
      '20003': 'service_problem', // authentication failed
      '20404': 'service_problem', // account not found
      '20429': 'network_problem', // too many requests
      '21211': 'invalid_number', // invalid 'To' number
      '21408': 'service_problem', // region not enabled (geo permissions)
      '21602': 'message_refused', // body required
      '21606': 'service_problem', // 'From' cannot send to this destination
      '21610': 'opted_out', // the recipient replied STOP to this sender
      '21612': 'service_problem', // From/To pair not routable
      '21614': 'landline', // 'To' is not a mobile number
      '21617': 'message_refused', // body too long
      '30001': 'network_problem', // queue overflow
      '30002': 'service_problem', // account suspended
      '30003': 'unreachable', // handset unreachable
      '30004': 'blocked_by_carrier', // blocked by the carrier or the recipient
      '30005': 'invalid_number', // unknown destination number
      '30006': 'landline', // landline or unreachable carrier
      '30007': 'spam_filtered', // filtered as spam or fraud
      '30008': 'unknown', // unknown carrier error
      '30032': 'service_problem', // toll-free sender not verified
      '30034': 'service_problem', // US A2P 10DLC sender not registered
    },
  },
  vonage: {
    // messages[].status of the submission's answer.
    submit: {
      '1': 'network_problem', // throttled
      '2': 'message_refused', // missing parameters
      '3': 'message_refused', // invalid parameters
      '4': 'service_problem', // invalid credentials
      '5': 'network_problem', // internal error
      '6': 'invalid_number', // unroutable prefix
      '7': 'blocked_by_carrier', // number barred
      '8': 'service_problem', // partner account barred
      '9': 'service_problem', // quota exceeded: no credit at Vonage
      '10': 'network_problem', // too many binds
      '11': 'service_problem', // HTTP not enabled
      '12': 'message_refused', // message too long
      '14': 'service_problem', // invalid signature
      '15': 'service_problem', // sender address not allowed
      '22': 'invalid_number', // invalid network code
      '23': 'service_problem', // invalid callback URL
      '29': 'service_problem', // destination not whitelisted (trial account)
      '32': 'service_problem', // signature and secret together
      '33': 'invalid_number', // number de-activated
      client_ref_too_long: 'service_problem',
    },
    // err-code of a delivery receipt.
    report: {
      '1': 'unknown',
      '2': 'unreachable', // absent subscriber, temporary
      '3': 'invalid_number', // absent subscriber, permanent
      '4': 'blocked_by_carrier', // barred by the user
      '5': 'invalid_number', // portability error
      '6': 'spam_filtered', // anti-spam rejection
      '7': 'unreachable', // handset busy
      '8': 'network_problem', // network error
      '9': 'opted_out', // illegal number: the recipient opted out
      '10': 'message_refused', // illegal message
      '11': 'invalid_number', // unroutable
      '12': 'unreachable', // destination unreachable
      '13': 'blocked_by_carrier', // subscriber age restriction
      '14': 'blocked_by_carrier', // blocked by the carrier
      '15': 'blocked_by_carrier', // prepaid without funds
      '95': 'unknown',
      '99': 'unknown', // general error
    },
    words: { EXPIRED: 'expired' },
  },
  smpp: {
    // submit_sm_resp command_status, as 0xNN.
    submit: {
      '0x01': 'message_refused', // RINVMSGLEN
      '0x04': 'network_problem', // RINVBNDSTS
      '0x05': 'service_problem', // RALYBND
      '0x08': 'network_problem', // RSYSERR
      '0x0A': 'service_problem', // RINVSRCADR: the sender address
      '0x0B': 'invalid_number', // RINVDSTADR
      '0x0D': 'service_problem', // RBINDFAIL
      '0x0E': 'service_problem', // RINVPASWD
      '0x0F': 'service_problem', // RINVSYSID
      '0x14': 'network_problem', // RMSGQFUL
      '0x48': 'service_problem', // RINVSRCTON
      '0x49': 'service_problem', // RINVSRCNPI
      '0x50': 'invalid_number', // RINVDSTTON
      '0x51': 'invalid_number', // RINVDSTNPI
      '0x58': 'network_problem', // RTHROTTLED
      '0x61': 'message_refused', // RINVSCHED
      '0x62': 'message_refused', // RINVEXPIRY
      '0x64': 'network_problem', // RX_T_APPN
      '0xC0': 'message_refused', // TLV errors
      '0xC1': 'message_refused',
      '0xC2': 'message_refused',
      '0xC3': 'message_refused',
      '0xC4': 'message_refused',
    },
    // A receipt's `err:` (or network_error_code): SMSC-specific, but most pass the GSM MAP error on.
    report: {
      '1': 'invalid_number', // unknown subscriber
      '5': 'invalid_number', // unidentified subscriber
      '9': 'invalid_number', // illegal subscriber
      '11': 'landline', // teleservice not provisioned
      '13': 'blocked_by_carrier', // call barred
      '27': 'unreachable', // absent subscriber
      '31': 'unreachable', // subscriber busy
      '32': 'unreachable', // delivery failure (memory full, equipment)
      '34': 'network_problem', // system failure
    },
    words: { EXPIRED: 'expired', REJECTD: 'blocked_by_carrier' },
  },
  // The HTTPS JSON gateway writes its own codes; these words are the ones docs/providers.md
  // suggests, and a gateway may also send the reason keys themselves.
  'http-json': {
    submit: { http_400: 'message_refused', http_422: 'message_refused', http_404: 'service_problem', http_405: 'service_problem', http_415: 'service_problem' },
    any: {
      absent_subscriber: 'unreachable',
      unknown_subscriber: 'invalid_number',
      barred: 'blocked_by_carrier',
      spam: 'spam_filtered',
      unreachable: 'unreachable',
      blocked_by_carrier: 'blocked_by_carrier',
      opted_out: 'opted_out',
      invalid_number: 'invalid_number',
      landline: 'landline',
      spam_filtered: 'spam_filtered',
      expired: 'expired',
      message_refused: 'message_refused',
    },
  },
  simulator: {
    any: {
      SIM_UNDELIVERED: 'unreachable',
      SIM_UNDELIVERABLE: 'blocked_by_carrier',
      SIM_REJECTED: 'message_refused',
      SIM_UNAVAILABLE: 'network_problem',
    },
  },
};
