// Types of the administration API (docs/admin-api.md), as the admin pages name them. Request bodies are typed from
// the server’s zod schemas (src/api/admin-schemas.ts) and the answers are the server’s own view types
// (src/api/admin-views.ts), as types only.
export type {
  AgentView as AdminAgent,
  ApiTokenView,
  AuditPage,
  AuditRecord,
  Balance,
  ConnectionProblem,
  ConnectionTestResult,
  CreatedAgent,
  CreatedApiToken,
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
  ReviewDecisionResult,
  ReviewItem,
  ReviewPage,
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

export type { DemoCallView, SimulatedInbound, SimulatorBehaviour, SimulatorOutcome, SimulatorView } from '@api/simulator-schemas';

export interface ProviderTestBody {
  readonly type?: string;
  readonly settings?: Readonly<Record<string, unknown>>;
}

export type ReviewAction = 'confirm-sent' | 'abandon' | 'resend';

export interface ReviewDecisionBody {
  readonly action: ReviewAction;
  readonly note?: string;
  readonly providerMessageId?: string;
}

/** The bulk decision's answer: each message's result, or why it was refused. */
export interface ReviewBulkResult {
  readonly results: readonly (
    | { readonly messageId: string; readonly action: ReviewAction; readonly status: string; readonly refunded: number; readonly error?: undefined }
    | { readonly messageId: string; readonly error: { readonly code: string; readonly details: Readonly<Record<string, unknown>> | null } }
  )[];
}

export interface ApiTokenCreateBody {
  readonly name: string;
  readonly scopes: readonly ('telephony' | 'consent')[];
}
