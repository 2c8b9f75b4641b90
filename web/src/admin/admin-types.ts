// Types of the administration API (docs/admin-api.md), as the admin pages name them. Request bodies are typed from
// the server's zod schemas (src/api/admin-schemas.ts) and most answers come from the server's own view types
// (src/api/admin-views.ts), as types only.
import type { ProviderSettingDescriptor } from '@api/admin-schemas';

export type {
  AgentView as AdminAgent,
  AuditPage,
  AuditRecord,
  Balance,
  CreatedAgent,
  InboxMessage,
  InboxPage,
  LedgerEntry,
  LedgerPage,
  NamedRef,
  NumberView as SmsNumber,
  OptOut,
  ProfileView as Profile,
  QueueView as AdminQueue,
  TemplateView as AdminTemplate,
} from '@api/admin-views';

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
