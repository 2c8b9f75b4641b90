// The timeline's and contact names' routes, spread into the agent API (api/endpoints.ts).
import type { ApiClient } from '../api/client';
import type { Contact, NumberTimeline } from './timeline-types';

const enc = encodeURIComponent;

export function timelineApi(c: ApiClient) {
  return {
    timeline: (number: string, o: { readonly limit?: number; readonly before?: string | null } = {}) => {
      const q = new URLSearchParams({ limit: String(o.limit ?? 20), ...(o.before ? { before: o.before } : {}) });
      return c.get<NumberTimeline>(`/api/numbers/${enc(number)}/timeline?${q.toString()}`);
    },
    setContactName: (number: string, name: string) => c.put<Contact>(`/api/contacts/${enc(number)}`, { name }),
  };
}
