// The supervised conversations (src/http/routes/supervision.ts), spread into the admin API.
import type { ApiClient } from '../api/client';
import type { SupervisedConversation, TranscriptMessage } from '@api/supervision-views';

export type { SupervisedConversation, TranscriptMessage };

const enc = encodeURIComponent;

export function supervisionApi(c: ApiClient) {
  return {
    conversations: () => c.get<{ conversations: readonly SupervisedConversation[] }>('/api/admin/conversations').then((r) => r.conversations),
    transcript: (id: string) => c.get<{ messages: readonly TranscriptMessage[] }>(`/api/admin/conversations/${enc(id)}/messages`).then((r) => r.messages),
    takeConversation: (id: string) => c.post<{ status: 'progressing'; previousAgentId: string | null }>(`/api/admin/conversations/${enc(id)}/take`),
    closeConversation: (id: string) => c.post<{ status: 'closed'; alreadyClosed: boolean }>(`/api/admin/conversations/${enc(id)}/close`),
  };
}
