// The message log's routes (src/http/routes/admin-message-log.ts), spread into the admin API.
import type { ApiClient } from '../../api/client';
import type { LogPageView, MessageDetailView } from '@api/log-views';
import { withParams } from './log-filters';

export type { LogEntryView, LogPageView, MessageDetailView } from '@api/log-views';

const enc = encodeURIComponent;

export function logApi(c: ApiClient) {
  return {
    messageLog: (filters: URLSearchParams, page: { limit: number; cursor?: string }) => c.get<LogPageView>(withParams('/api/admin/messages', filters, page)),
    messageLogCount: (filters: URLSearchParams) => c.get<{ count: number }>(withParams('/api/admin/messages/count', filters)).then((r) => r.count),
    loggedMessage: (id: string) => c.get<MessageDetailView>(`/api/admin/messages/${enc(id)}`),
  };
}
