// The Sent view's routes, spread into the agent API (api/endpoints.ts).
import type { ApiClient, RequestOptions } from '../api/client';
import type { ResentDirect, SentPage } from './sent-types';

export function sentApi(c: ApiClient) {
  return {
    sentDirect: (o: { readonly limit?: number; readonly before?: string | null } = {}) => {
      const q = new URLSearchParams({ limit: String(o.limit ?? 50), ...(o.before ? { before: o.before } : {}) });
      return c.get<SentPage>(`/api/direct/messages?${q.toString()}`);
    },
    resendDirect: (id: string, o?: RequestOptions) => c.post<ResentDirect>(`/api/direct/messages/${encodeURIComponent(id)}/resend`, undefined, o),
  };
}
