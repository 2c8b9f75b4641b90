// The administration API's routes (src/http/routes/admin*.ts), typed once.
import type { ApiClient, RequestOptions } from '../api/client';
import { contactsAdminApi } from '../timeline/contacts-admin-api';
import { logApi } from './log/log-api';
import { dashboardApi } from './dashboard/dashboard-api';
import { numberHealthApi, numberHealthSettingsApi } from './dashboard/number-health-api';
import { supervisionApi } from './supervision-api';
import { complianceApi } from './compliance-api';
import { consentApi } from './consent-api';
import type {
  AdminAgent,
  AdminQueue,
  AdminTemplate,
  AgentCreateBody,
  AgentUpdateBody,
  ApiTokenCreateBody,
  ApiTokenView,
  AuditPage,
  Balance,
  ConnectionTestResult,
  CreatedAgent,
  CreatedApiToken,
  InboxPage,
  LedgerPage,
  NumberCreateBody,
  NumberUpdateBody,
  OptOut,
  Profile,
  ProfileCreateBody,
  ProfileUpdateBody,
  ProviderBody,
  ProviderTestBody,
  ProviderView,
  QueueCreateBody,
  QueueUpdateBody,
  ReviewBulkResult,
  ReviewDecisionBody,
  ReviewDecisionResult,
  ReviewPage,
  DemoCallView,
  SimulatedInbound,
  SimulatorBehaviour,
  SimulatorView,
  SmsNumber,
  TemplateCreateBody,
  TemplateUpdateBody,
} from './admin-types';

const enc = encodeURIComponent;

/** `?limit=&before=` (or `offset=`), leaving out what is not given. */
function pageQuery(params: Readonly<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export interface PageRequest {
  readonly limit?: number;
  readonly before?: string;
}

export function adminApi(c: ApiClient) {
  return {
    ...contactsAdminApi(c),
    ...supervisionApi(c),
    ...complianceApi(c),
    ...consentApi(c),
    ...logApi(c),
    ...dashboardApi(c),
    ...numberHealthApi(c),
    ...numberHealthSettingsApi(c),
    provider: (o?: RequestOptions) => c.get<ProviderView>('/api/admin/provider', o),
    putProvider: (body: ProviderBody) => c.put<ProviderView>('/api/admin/provider', body),
    /** Without a body, the stored settings; with one, the submitted (unsaved) ones. */
    testProvider: (body?: ProviderTestBody) => c.post<ConnectionTestResult>('/api/admin/provider/test-connection', body ?? {}),
    rotateWebhookToken: () => c.post<ProviderView>('/api/admin/provider/webhook-token/rotate'),

    simulator: () => c.get<SimulatorView>('/api/admin/simulator'),
    setSimulatorBehaviour: (body: SimulatorBehaviour) => c.put<SimulatorView>('/api/admin/simulator/behaviour', body),
    simulateInbound: (body: { from: string; numberId: string; text: string }) => c.post<SimulatedInbound>('/api/admin/simulator/inbound', body),
    demoCalls: () => c.get<{ calls: readonly DemoCallView[] }>('/api/admin/demo-calls').then((r) => r.calls),
    startDemoCall: (body: { agentId: string; customerNumber: string }) => c.post<DemoCallView>('/api/admin/demo-calls', body),
    endDemoCall: (id: string) => c.post<{ id: string; alreadyEnded: boolean }>(`/api/admin/demo-calls/${enc(id)}/end`),

    credits: () => c.get<Balance>('/api/admin/credits'),
    topUp: (body: { amount: number; note?: string }) => c.post<Balance>('/api/admin/credits/top-ups', body),
    adjust: (body: { amount: number; reason: string }) => c.post<Balance>('/api/admin/credits/adjustments', body),
    ledger: (page: PageRequest = {}) => c.get<LedgerPage>(`/api/admin/credits/ledger${pageQuery({ limit: page.limit, before: page.before })}`),

    numbers: () => c.get<{ numbers: readonly SmsNumber[] }>('/api/admin/numbers').then((r) => r.numbers),
    createNumber: (body: NumberCreateBody) => c.post<SmsNumber>('/api/admin/numbers', body),
    updateNumber: (id: string, body: NumberUpdateBody) => c.patch<SmsNumber>(`/api/admin/numbers/${enc(id)}`, body),

    templates: () => c.get<{ templates: readonly AdminTemplate[] }>('/api/admin/templates').then((r) => r.templates),
    template: (id: string) => c.get<AdminTemplate>(`/api/admin/templates/${enc(id)}`),
    createTemplate: (body: TemplateCreateBody) => c.post<AdminTemplate>('/api/admin/templates', body),
    updateTemplate: (id: string, body: TemplateUpdateBody) => c.patch<AdminTemplate>(`/api/admin/templates/${enc(id)}`, body),

    profiles: () => c.get<{ profiles: readonly Profile[] }>('/api/admin/profiles').then((r) => r.profiles),
    createProfile: (body: ProfileCreateBody) => c.post<Profile>('/api/admin/profiles', body),
    updateProfile: (id: string, body: ProfileUpdateBody) => c.patch<Profile>(`/api/admin/profiles/${enc(id)}`, body),

    queues: () => c.get<{ queues: readonly AdminQueue[] }>('/api/admin/queues').then((r) => r.queues),
    createQueue: (body: QueueCreateBody) => c.post<AdminQueue>('/api/admin/queues', body),
    updateQueue: (id: string, body: QueueUpdateBody) => c.patch<AdminQueue>(`/api/admin/queues/${enc(id)}`, body),

    agents: () => c.get<{ agents: readonly AdminAgent[] }>('/api/admin/agents').then((r) => r.agents),
    createAgent: (body: AgentCreateBody) => c.post<CreatedAgent>('/api/admin/agents', body),
    updateAgent: (id: string, body: AgentUpdateBody) => c.patch<AdminAgent>(`/api/admin/agents/${enc(id)}`, body),
    resetAgentPassword: (id: string) => c.post<{ oneTimePassword: string }>(`/api/admin/agents/${enc(id)}/password`),

    inbox: (page: PageRequest = {}) => c.get<InboxPage>(`/api/admin/inbox${pageQuery({ limit: page.limit, before: page.before })}`),
    audit: (page: PageRequest = {}) => c.get<AuditPage>(`/api/admin/audit${pageQuery({ limit: page.limit, before: page.before })}`),
    optOuts: (page: { limit?: number; offset?: number } = {}) =>
      c.get<{ optOuts: readonly OptOut[] }>(`/api/admin/opt-outs${pageQuery({ limit: page.limit, offset: page.offset })}`).then((r) => r.optOuts),

    review: (page: { limit?: number; offset?: number } = {}) => c.get<ReviewPage>(`/api/admin/review${pageQuery({ limit: page.limit, offset: page.offset })}`),
    decideReview: (messageId: string, body: ReviewDecisionBody) => c.post<ReviewDecisionResult>(`/api/admin/review/${enc(messageId)}/decision`, body),
    decideReviewBulk: (messageIds: readonly string[], body: ReviewDecisionBody) => c.post<ReviewBulkResult>('/api/admin/review/decisions', { ...body, messageIds }),

    apiTokens: () => c.get<{ tokens: readonly ApiTokenView[] }>('/api/admin/api-tokens').then((r) => r.tokens),
    createApiToken: (body: ApiTokenCreateBody) => c.post<CreatedApiToken>('/api/admin/api-tokens', body),
    revokeApiToken: (id: string) => c.post<ApiTokenView>(`/api/admin/api-tokens/${enc(id)}/revoke`),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
