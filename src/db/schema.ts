// The tables as Kysely sees them. Column names are the contract the use cases code against;
// the SQL that creates them is in migrations/. int8 columns come back as strings on both
// databases (pg's default, and the PGlite pool is driven through pg), so they are typed so.
import type { ColumnType, Generated } from 'kysely';
import type { MessageStatus } from '../domain/messages/status.js';
import type { MessageCategory } from '../domain/compliance/window.js';
import type { SmsEncodingName } from '../domain/ports.js';

/** int8: read as a decimal string (exact beyond 2^53), written as number, bigint or string. */
export type Int8 = ColumnType<string, number | bigint | string, number | bigint | string>;
export type GeneratedInt8 = ColumnType<string, number | bigint | string | undefined, number | bigint | string>;
/** timestamptz: read as Date; written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/**
 * jsonb: read as parsed JSON; written as a JSON string. pg would turn a JS array into a
 * PostgreSQL array literal, so objects are never handed to it raw.
 */
export type Json = ColumnType<unknown, string, string>;
export type DefaultJson = ColumnType<unknown, string | undefined, string>;

export type ProviderType = 'simulator' | 'twilio' | 'vonage' | 'smpp' | 'http-json';

export interface AccountsTable {
  id: string;
  name: string;
  provider_type: ProviderType | null;
  provider_config: DefaultJson;
  created_at: DefaultTimestamp;
  /** The webhook address token (migration 0008): drawn by the column's default, replaced by a rotation. */
  webhook_token: ColumnType<string, string | undefined, string>;
  /** The token before the last rotation, accepted until webhook_token_previous_until. */
  webhook_token_previous: string | null;
  webhook_token_previous_until: Timestamp | null;
}

export interface CreditBucketsTable {
  account_id: string;
  bucket: number;
  balance: Int8;
}

export interface CreditLedgerTable {
  id: GeneratedInt8;
  account_id: string;
  delta: Int8;
  reason: string;
  message_id: string | null;
  actor: string | null;
  created_at: DefaultTimestamp;
}

export interface ProfilesTable {
  id: string;
  account_id: string;
  name: string;
  messaging: Generated<boolean>;
  direct: Generated<boolean>;
  smart: Generated<boolean>;
  max_interactions: Generated<number>;
  /** ISO 3166 alpha-2 codes. */
  authorized_countries: ColumnType<string[], string[] | undefined, string[]>;
  /** Seconds a sent message waits so it can be undone: 0 (off) or 5 to 30 (migration 0022). */
  undo_seconds: Generated<number>;
  /** The Direct SMS sending window (migration 0021, domain/compliance SendingWindow); null: none. */
  sending_window: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface ProfileNumbersTable {
  profile_id: string;
  number_id: string;
}

export interface ProfileTemplatesTable {
  profile_id: string;
  template_id: string;
}

/** 'supervisor' since migration 0015: sees the outcomes of the queues they supervise. */
export type AgentRole = 'agent' | 'admin' | 'supervisor';

export interface AgentsTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: Generated<AgentRole>;
  profile_id: string | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  lang: Generated<'en' | 'fr'>;
  created_at: DefaultTimestamp;
}

export type NationalLanguage = 'turkish' | 'spanish' | 'portuguese';

export interface SmsNumbersTable {
  id: string;
  account_id: string;
  /** E.164 long code, short code or alphanumeric sender id. */
  address: string;
  national_language: NationalLanguage | null;
  send_rate_per_second: ColumnType<number, number | undefined, number>;
  /** The administrator's name for the sender ("Support FR"), migration 0013. */
  label: ColumnType<string | null, string | null | undefined, string | null>;
  /** Keyword families, extra keywords and automatic answers (migration 0023); null: the defaults. */
  consent_keywords: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface QueuesTable {
  id: string;
  account_id: string;
  name: string;
  sms_number_id: string | null;
  /** The sending window of its conversations' messages (migration 0021); null: none. */
  sending_window: ColumnType<unknown, string | null | undefined, string | null>;
  /** NOTIFICATION or MARKETING: every message of its conversations is at least this (migration 0021). */
  category: ColumnType<MessageCategory, MessageCategory | undefined, MessageCategory>;
}

export interface QueueTemplatesTable {
  queue_id: string;
  template_id: string;
}

export interface QueueMembersTable {
  queue_id: string;
  agent_id: string;
}

/** The queues a supervisor supervises (migration 0015). */
export interface QueueSupervisorsTable {
  queue_id: string;
  agent_id: string;
}

export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  body: string;
  /** NOTIFICATION or MARKETING (migration 0021). */
  category: ColumnType<MessageCategory, MessageCategory | undefined, MessageCategory>;
}

export type InteractionKind = 'sms' | 'voice';
export type SmsInteractionStatus = 'waiting' | 'progressing' | 'closed';
export type VoiceInteractionStatus = 'active' | 'ended';

export interface InteractionsTable {
  id: string;
  account_id: string;
  kind: InteractionKind;
  status: SmsInteractionStatus | VoiceInteractionStatus;
  agent_id: string | null;
  queue_id: string | null;
  customer_number: string;
  sms_number_id: string | null;
  origin_call_id: string | null;
  /** Voice: the telephony integration's call id. */
  external_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  closed_at: Timestamp | null;
}

export interface MessagesTable {
  id: string;
  /** Insertion order: orders the messages of one interaction (ids need not be sortable). */
  seq: GeneratedInt8;
  account_id: string;
  interaction_id: string | null;
  direction: 'out' | 'in';
  status: MessageStatus;
  agent_id: string | null;
  sms_number_id: string | null;
  from_address: string;
  to_address: string;
  body: string | null;
  encoding: SmsEncodingName;
  units: number;
  segments: number;
  credits: number;
  template_id: string | null;
  origin_call_id: string | null;
  provider: string | null;
  provider_message_id: string | null;
  attempts: Generated<number>;
  run_at: DefaultTimestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  error_code: string | null;
  needs_review: Generated<boolean>;
  /** When the message was last flagged for review; null when it is not under review. */
  review_since: Timestamp | null;
  created_at: DefaultTimestamp;
  submitted_at: Timestamp | null;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  updated_at: DefaultTimestamp;
  /** Inbound media as a JSON array of { url, contentType } (migration 0010); null when none. */
  media: ColumnType<unknown, string | null | undefined, string | null>;
  /** The national table the message was counted with (migration 0012); null: none. Submitted with it. */
  national_language: ColumnType<NationalLanguage | null, NationalLanguage | null | undefined, NationalLanguage | null>;
  /** Outbound: NOTIFICATION or MARKETING, from its template and queue, handed to the provider (migration 0021). */
  category: ColumnType<MessageCategory, MessageCategory | undefined, never>;
  /** Inbound: the Direct SMS this message answers, fixed on arrival (migration 0013). */
  in_reply_to: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outbound: the failed or undelivered message this one sends again (migration 0013). */
  resend_of: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A delivery report that arrived before its message's provider id was recorded. */
export interface PendingStatusReportsTable {
  account_id: string;
  provider: string;
  provider_message_id: string;
  status: MessageStatus;
  error_code: string | null;
  word: string | null;
  reported_at: Timestamp;
  received_at: DefaultTimestamp;
}

/** A part of a long message whose provider reports per part (migrations/0005-message-parts.ts). */
export interface MessagePartsTable {
  message_id: string;
  part_index: number;
  account_id: string;
  provider: string;
  /** null: refused or unanswered at submission, stored failed. */
  part_id: string | null;
  status: MessageStatus | null;
  /** The provider's own word for the last report (`DELIVRD`, `expired`...). */
  word: string | null;
  error_code: string | null;
  reported_at: Timestamp | null;
}

export interface OptOutsTable {
  account_id: string;
  number: string;
  keyword: string;
  opted_out_at: DefaultTimestamp;
  /** Who made the current opt-out (migration 0023). */
  source: ColumnType<ConsentSource, ConsentSource | undefined, ConsentSource>;
  /** The customer made it (keyword, or an agent on their behalf): only they or an administrator lift it. */
  by_customer: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EventsTable {
  id: GeneratedInt8;
  account_id: string;
  agent_id: string | null;
  queue_id: string | null;
  type: string;
  payload: DefaultJson;
  /** The writing transaction (xid8, as a string): see migrations for how a reader uses it. */
  tx: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
}

export interface IdempotencyKeysTable {
  account_id: string;
  agent_id: string;
  key: string;
  request_hash: string;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  /** Until when a pending reservation is held; null once the answer is stored. */
  lease_until: Timestamp | null;
  /** The request holding the reservation (a retry that takes it over writes its own). */
  attempt: string | null;
  created_at: DefaultTimestamp;
}

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  agent_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: DefaultTimestamp;
  revoked_at: Timestamp | null;
  /** Written at most once a minute per token. */
  last_used_at: Timestamp | null;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  window_ends_at: Timestamp;
}

/** A display name for a number in the account (migration 0013). */
export interface ContactsTable {
  account_id: string;
  number: string;
  name: string;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

/** How far an agent has read a conversation: inbound messages with a greater seq are unread. */
export interface InteractionReadsTable {
  agent_id: string;
  interaction_id: string;
  last_read_seq: Int8;
  read_at: DefaultTimestamp;
}

export type ConsentAction = 'opt_out' | 'opt_in';
export type ConsentSource = 'keyword' | 'agent' | 'admin' | 'import' | 'api' | 'config';

/** Every opt-out and opt-in as it happened, append-only (opt_outs holds the current state). */
export interface ConsentChangesTable {
  id: GeneratedInt8;
  account_id: string;
  number: string;
  action: ConsentAction;
  source: ConsentSource;
  keyword: string | null;
  message_id: string | null;
  actor: string | null;
  note: string | null;
  created_at: DefaultTimestamp;
  /** What proves it: the message's text, the import's file and row, the token's name (migration 0023). */
  evidence: ColumnType<unknown, string | null | undefined, never>;
  by_customer: ColumnType<boolean, boolean | undefined, never>;
}

/** Every status a message went through, with when it was recorded (migration 0016, appended by triggers). */
export interface MessageStatusHistoryTable {
  id: GeneratedInt8;
  message_id: string;
  account_id: string;
  status: MessageStatus;
  error_code: string | null;
  at: DefaultTimestamp;
}

/** A message waiting for its time (migration 0022, docs/scheduled-sends.md). */
export interface ScheduledMessagesTable {
  id: string;
  account_id: string;
  agent_id: string;
  interaction_id: string | null;
  recipient: string;
  sender_id: string | null;
  template_id: string | null;
  origin_call_id: string | null;
  body: string;
  credits: number;
  send_at: Timestamp;
  origin: 'schedule' | 'undo';
  status: Generated<'scheduled' | 'sent' | 'cancelled' | 'failed'>;
  error_code: string | null;
  error_details: ColumnType<unknown, string | null | undefined, string | null>;
  version: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  ended_at: Timestamp | null;
}

export interface Database {
  accounts: AccountsTable;
  credit_buckets: CreditBucketsTable;
  credit_ledger: CreditLedgerTable;
  profiles: ProfilesTable;
  profile_numbers: ProfileNumbersTable;
  profile_templates: ProfileTemplatesTable;
  agents: AgentsTable;
  sms_numbers: SmsNumbersTable;
  queues: QueuesTable;
  queue_templates: QueueTemplatesTable;
  queue_members: QueueMembersTable;
  queue_supervisors: QueueSupervisorsTable;
  templates: TemplatesTable;
  interactions: InteractionsTable;
  messages: MessagesTable;
  pending_status_reports: PendingStatusReportsTable;
  message_parts: MessagePartsTable;
  opt_outs: OptOutsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  contacts: ContactsTable;
  interaction_reads: InteractionReadsTable;
  consent_changes: ConsentChangesTable;
  message_status_history: MessageStatusHistoryTable;
  scheduled_messages: ScheduledMessagesTable;
}
