// What the administration API answers with (docs/admin-api.md): written once, for the server's use cases
// (src/app/admin) and for the admin pages of the Banner (web/src/admin). Types only, and no Node types: the
// browser's type-check includes this file.
import type { MessageCategory, SendingWindow } from '../domain/compliance/index.js';
import type { NationalLanguage } from '../domain/sms/index.js';
import type { SettingDescriptor } from '../providers/setting-descriptors.js';
import type { ConnectionProblem as ProviderConnectionProblem } from '../providers/webhook.js';

export type { SettingDescriptor as ProviderSettingDescriptor };

/** A setting as the server shows it: secrets redacted (`••••` and at most their last 4 characters). */
export type SettingValue = string | number | boolean | null | readonly SettingValue[] | { readonly [key: string]: SettingValue };

export interface ProviderView {
  readonly type: string | null;
  readonly settings: { readonly [key: string]: SettingValue };
  readonly secretsEncrypted: boolean;
  /**
   * The addresses to give the provider, with the account's webhook token in the path; null for SMPP (it reports
   * over its own link) or no provider. `previousAcceptedUntil`: after a rotation, when the previous token stops working.
   */
  readonly webhooks: { readonly status: string; readonly inbound: string; readonly previousAcceptedUntil: string | null } | null;
  readonly types: readonly string[];
  /** Per type, the settings its form shows, described by the server from the connector's own schema. */
  readonly typeSettings: Readonly<Record<string, readonly SettingDescriptor[]>>;
}

/** What the provider answered, or why it could not be asked: no provider yet, or settings it would refuse. */
export type ConnectionProblem = ProviderConnectionProblem | 'invalid_settings' | 'not_configured';

/** "Test connection": every outcome is an answer, never a refusal. */
export type ConnectionTestResult = { readonly ok: true } | { readonly ok: false; readonly problem: ConnectionProblem; readonly reason: string };

export interface NumberView {
  readonly id: string;
  readonly address: string;
  readonly sendRatePerSecond: number;
  readonly nationalLanguage: NationalLanguage | null;
  readonly label: string | null;
}

export interface NamedRef {
  readonly id: string;
  readonly name: string;
}

export interface TemplateView {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly category: MessageCategory;
  readonly variables: readonly string[];
  /** What the body costs before its variables are filled. */
  readonly analysis: {
    readonly encoding: string;
    readonly characters: number;
    readonly units: number;
    readonly segments: number;
    readonly overLimit: boolean;
    readonly nonGsm: readonly string[];
  };
  /** The queues and profiles that offer it. */
  readonly usedBy: { readonly queues: readonly NamedRef[]; readonly profiles: readonly NamedRef[] };
}

export interface ProfileView {
  readonly id: string;
  readonly name: string;
  readonly permissions: { readonly messaging: boolean; readonly direct: boolean; readonly smart: boolean };
  readonly maxInteractions: number;
  readonly authorizedCountries: readonly string[];
  readonly numberIds: readonly string[];
  readonly templateIds: readonly string[];
  /** The window of its agents' Direct SMS (docs/compliance-windows.md); null: none. */
  readonly sendingWindow: SendingWindow | null;
  /** Seconds a sent message waits so it can be undone; 0: off (docs/scheduled-sends.md). */
  readonly undoSeconds: number;
}

export interface QueueView {
  readonly id: string;
  readonly name: string;
  readonly smsNumberId: string | null;
  readonly templateIds: readonly string[];
  readonly memberIds: readonly string[];
  /** The window of its conversations' messages; null: none. */
  readonly sendingWindow: SendingWindow | null;
  /** MARKETING makes every message of its conversations marketing. */
  readonly category: MessageCategory;
}

export interface AgentView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'agent' | 'admin' | 'supervisor';
  readonly profileId: string | null;
  readonly disabled: boolean;
  readonly lang: 'en' | 'fr';
  /** The queues this supervisor supervises; empty for agents and administrators. */
  readonly supervisedQueueIds: readonly string[];
}

export interface CreatedAgent {
  readonly agent: AgentView;
  /** Shown once: the server keeps only its hash. */
  readonly oneTimePassword: string;
}

export interface Balance {
  readonly balance: number;
}

export interface LedgerEntry {
  readonly id: string;
  readonly delta: number;
  /** `top-up`, `top-up: <note>`, `adjustment: <reason>`, or what the send path wrote (sends, refunds). */
  readonly reason: string;
  readonly messageId: string | null;
  /** An agent id, or the process that wrote the line (e.g. refunds). */
  readonly actor: string | null;
  readonly actorName: string | null;
  readonly at: string;
}

/** Newest first; `nextBefore` asks for the next (older) page, null on the last one. */
export interface LedgerPage {
  readonly entries: readonly LedgerEntry[];
  readonly nextBefore: string | null;
}

/** An inbound message no queue owns. */
export interface InboxMessage {
  readonly id: string;
  readonly seq: string;
  readonly from: string;
  readonly to: string;
  readonly smsNumberId: string | null;
  readonly body: string | null;
  readonly receivedAt: string;
  /** Pictures or other media the message carried (they are not displayed); 0 when none. */
  readonly mediaCount: number;
}

export interface InboxPage {
  readonly messages: readonly InboxMessage[];
  readonly nextBefore: string | null;
}

/** A number that asked to receive nothing more: when, and the keyword it sent. */
export interface OptOut {
  readonly number: string;
  readonly keyword: string;
  readonly at: string;
  /** Who made it (migration 0023): keyword, agent, admin, import, api, config. */
  readonly source: string;
  /** The customer made it: only their START or an administrator with a reason lifts it. */
  readonly byCustomer: boolean;
}

export interface AuditRecord {
  readonly id: string;
  /** `provider.updated`, `credits.topped_up`, `number.created`… (the event type without `admin.`). */
  readonly what: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly targetId: string | null;
  /** As the server recorded them: provider secrets as `••••`, never a password. */
  readonly before: unknown;
  readonly after: unknown;
  readonly at: string;
}

export interface AuditPage {
  readonly entries: readonly AuditRecord[];
  readonly nextBefore: string | null;
}

/** A message whose submission is uncertain, waiting for an administrator's decision. */
export interface ReviewItem {
  readonly messageId: string;
  /** Usually 'sending'; a late delivery report may have moved it on since it was flagged. */
  readonly status: string;
  /** Masked as in logs: '+', the country code and the last 2 digits. */
  readonly to: string;
  readonly from: string;
  readonly credits: number;
  readonly attempts: number;
  readonly provider: string | null;
  readonly providerMessageId: string | null;
  /** What is known: the dispatcher's last error (numbers masked). */
  readonly lastError: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly interactionId: string | null;
  readonly createdAt: string;
  readonly submittedAt: string | null;
  readonly underReviewSince: string;
  readonly ageSeconds: number;
}

export interface ReviewPage {
  readonly items: readonly ReviewItem[];
  readonly total: number;
}

export interface ReviewDecisionResult {
  readonly messageId: string;
  readonly action: 'confirm-sent' | 'abandon' | 'resend';
  /** The message's status after the decision ('queued' after a resend). */
  readonly status: string;
  /** Credits paid back (an abandon of a message no report had made final). */
  readonly refunded: number;
}

/** An API token as administrators see it: never its secret. */
export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** The answer to a creation: the secret, shown this once. */
export interface CreatedApiToken extends ApiTokenView {
  readonly token: string;
}
