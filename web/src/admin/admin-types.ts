// Response shapes of the administration API (src/app/admin/*, docs/admin-api.md). Request bodies are typed from the
// server's zod schemas (src/api/admin-schemas.ts), as types only.
import type { NationalLanguage } from '@domain/sms';
import type { ProviderSettingDescriptor } from '@api/admin-schemas';

export type {
  AgentCreateBody,
  AgentUpdateBody,
  NumberCreateBody,
  NumberUpdateBody,
  ProfileCreateBody,
  ProfileUpdateBody,
  ProviderBody,
  ProviderSettingDescriptor,
  QueueCreateBody,
  QueueUpdateBody,
  TemplateCreateBody,
  TemplateUpdateBody,
} from '@api/admin-schemas';

/** A setting as the server shows it: secrets redacted (`••••` and at most their last 4 characters). */
export type SettingValue = string | number | boolean | null | readonly SettingValue[] | { readonly [key: string]: SettingValue };

export interface ProviderView {
  readonly type: string | null;
  readonly settings: { readonly [key: string]: SettingValue };
  readonly secretsEncrypted: boolean;
  /** The addresses to give the provider; null for SMPP (it reports over its own link) or no provider. */
  readonly webhooks: { readonly status: string; readonly inbound: string } | null;
  readonly types: readonly string[];
  /** Per type, the settings its form shows, described by the server from the connector's own schema. */
  readonly typeSettings: Readonly<Record<string, readonly ProviderSettingDescriptor[]>>;
}

export type ConnectionProblem = 'credentials' | 'unreachable' | 'unsupported' | 'unexpected' | 'invalid_settings' | 'not_configured';

export type ConnectionTestResult = { readonly ok: true } | { readonly ok: false; readonly problem: ConnectionProblem; readonly reason: string };

export interface ProviderTestBody {
  readonly type?: string;
  readonly settings?: Readonly<Record<string, unknown>>;
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

export interface LedgerPage {
  readonly entries: readonly LedgerEntry[];
  readonly nextBefore: string | null;
}

export interface SmsNumber {
  readonly id: string;
  readonly address: string;
  readonly sendRatePerSecond: number;
  readonly nationalLanguage: NationalLanguage | null;
}

export interface NamedRef {
  readonly id: string;
  readonly name: string;
}

export interface AdminTemplate {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly variables: readonly string[];
  readonly analysis: {
    readonly encoding: string;
    readonly characters: number;
    readonly units: number;
    readonly segments: number;
    readonly overLimit: boolean;
    readonly nonGsm: readonly string[];
  };
  readonly usedBy: { readonly queues: readonly NamedRef[]; readonly profiles: readonly NamedRef[] };
}

export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly permissions: { readonly messaging: boolean; readonly direct: boolean; readonly smart: boolean };
  readonly maxInteractions: number;
  readonly authorizedCountries: readonly string[];
  readonly numberIds: readonly string[];
  readonly templateIds: readonly string[];
}

export interface AdminQueue {
  readonly id: string;
  readonly name: string;
  readonly smsNumberId: string | null;
  readonly templateIds: readonly string[];
  readonly memberIds: readonly string[];
}

export interface AdminAgent {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'agent' | 'admin';
  readonly profileId: string | null;
  readonly disabled: boolean;
  readonly lang: 'en' | 'fr';
}

export interface CreatedAgent {
  readonly agent: AdminAgent;
  /** Shown once: the server keeps only its hash. */
  readonly oneTimePassword: string;
}

export interface InboxMessage {
  readonly id: string;
  readonly seq: string;
  readonly from: string;
  readonly to: string;
  readonly smsNumberId: string | null;
  readonly body: string | null;
  readonly receivedAt: string;
}

export interface InboxPage {
  readonly messages: readonly InboxMessage[];
  readonly nextBefore: string | null;
}

export interface OptOut {
  readonly number: string;
  readonly keyword: string;
  readonly at: string;
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
