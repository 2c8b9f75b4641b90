// Types of the administration API (docs/admin-api.md), as the admin pages name them. Request bodies are typed from
// the server’s zod schemas (src/api/admin-schemas.ts) and the answers are the server’s own view types
// (src/api/admin-views.ts), as types only.
export type {
  AgentView as AdminAgent,
  AuditPage,
  AuditRecord,
  Balance,
  ConnectionProblem,
  ConnectionTestResult,
  CreatedAgent,
  InboxMessage,
  InboxPage,
  LedgerEntry,
  LedgerPage,
  NamedRef,
  NumberView as SmsNumber,
  OptOut,
  ProfileView as Profile,
  ProviderSettingDescriptor,
  ProviderView,
  QueueView as AdminQueue,
  SettingValue,
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
  QueueCreateBody,
  QueueUpdateBody,
  TemplateCreateBody,
  TemplateUpdateBody,
} from '@api/admin-schemas';

export interface ProviderTestBody {
  readonly type?: string;
  readonly settings?: Readonly<Record<string, unknown>>;
}
