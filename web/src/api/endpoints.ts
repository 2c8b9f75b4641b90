// The agent API's routes (src/http/routes/agent.ts, auth.ts), typed once.
import type { ApiClient, RequestOptions } from './client';
import { sentApi } from '../sent/sent-api';
import { scheduledApi } from '../scheduled/scheduled-api';
import { timelineApi } from '../timeline/timeline-api';
import type {
  Call,
  DirectOptions,
  Interaction,
  LoginResult,
  Me,
  NumberCheck,
  Queue,
  ReadState,
  SendDirectBody,
  SendInInteractionBody,
  SentDirect,
  SentInInteraction,
  StartSmartBody,
  StartedInteraction,
  Template,
  Thread,
} from './types';

const enc = encodeURIComponent;
/** Messages per page of a thread: a conversation opens on its newest ones, earlier pages load on demand. */
export const THREAD_PAGE = 200;

export function agentApi(c: ApiClient) {
  return {
    ...sentApi(c),
    ...scheduledApi(c),
    ...timelineApi(c),
    /** The customer asked to stop (a flagged reply): recorded as an agent's opt-out with the message as evidence. */
    optOutCustomer: (number: string, body: { note: string; messageId?: string }) => c.post<{ number: string; outcome: string }>(`/api/numbers/${encodeURIComponent(number)}/opt-out`, body),
    login: (email: string, password: string) => c.post<LoginResult>('/api/auth/login', { email, password }),
    logout: () => c.post<{ loggedOut: true }>('/api/auth/logout'),
    /** `fresh`: after a profile change, the server reads the profile again instead of its short cache. */
    me: (o?: RequestOptions & { readonly fresh?: boolean }) => c.get<Me>(o?.fresh ? '/api/me?fresh=1' : '/api/me', o),
    checkNumber: (number: string, o?: RequestOptions) => c.get<NumberCheck>(`/api/numbers/check?number=${enc(number)}`, o),
    directOptions: () => c.get<DirectOptions>('/api/direct/options'),
    queues: () => c.get<{ queues: readonly Queue[] }>('/api/queues').then((r) => r.queues),
    queueTemplates: (queueId: string) => c.get<{ templates: readonly Template[] }>(`/api/queues/${enc(queueId)}/templates`).then((r) => r.templates),
    sendDirect: (body: SendDirectBody, o?: RequestOptions) => c.post<SentDirect>('/api/direct/messages', body, o),
    startSmart: (body: StartSmartBody, o?: RequestOptions) => c.post<StartedInteraction>('/api/interactions', body, o),
    interactions: (filter: 'open' | 'waiting' | 'closed') => c.get<{ interactions: readonly Interaction[] }>(`/api/interactions?filter=${filter}`).then((r) => r.interactions),
    /** The newest page of a conversation (oldest first within it); `before`: the page just before that message. */
    thread: (id: string, before?: string) =>
      c.get<Thread>(`/api/interactions/${enc(id)}/messages?limit=${THREAD_PAGE}&${before ? `before=${enc(before)}` : 'order=latest'}`),
    sendInInteraction: (id: string, body: SendInInteractionBody, o?: RequestOptions) => c.post<SentInInteraction>(`/api/interactions/${enc(id)}/messages`, body, o),
    close: (id: string) => c.post<{ status: 'closed'; alreadyClosed: boolean }>(`/api/interactions/${enc(id)}/close`),
    take: (id: string) => c.post<{ status: 'progressing' }>(`/api/interactions/${enc(id)}/take`),
    /** Marks the conversation read up to the message `seq` for this agent (the mark only moves forward). */
    markRead: (id: string, seq: number) => c.post<ReadState>(`/api/interactions/${enc(id)}/read`, { seq }),
    calls: () => c.get<{ calls: readonly Call[] }>('/api/calls').then((r) => r.calls),
  };
}

export type AgentApi = ReturnType<typeof agentApi>;
