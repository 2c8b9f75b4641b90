// The scheduled messages' routes (src/http/routes/scheduled.ts, docs/scheduled-sends.md).
import type { ApiClient } from '../api/client';

export interface ScheduledMessage {
  readonly id: string;
  readonly interactionId: string | null;
  readonly to: string;
  readonly body: string;
  readonly credits: number;
  readonly sendAt: string;
  readonly origin: 'schedule' | 'undo';
  readonly status: 'scheduled' | 'sent' | 'cancelled' | 'failed';
  readonly errorCode: string | null;
  readonly version: number;
  readonly endedAt: string | null;
}

const enc = encodeURIComponent;

export function scheduledApi(c: ApiClient) {
  return {
    scheduled: (status: 'waiting' | 'ended') => c.get<{ scheduled: readonly ScheduledMessage[] }>(`/api/scheduled-messages?status=${status}&limit=50`).then((r) => r.scheduled),
    cancelScheduled: (id: string) => c.post<ScheduledMessage>(`/api/scheduled-messages/${enc(id)}/cancel`),
    editScheduled: (id: string, body: { readonly text?: string; readonly sendAt?: string; readonly version?: number }) => c.patch<ScheduledMessage>(`/api/scheduled-messages/${enc(id)}`, body),
  };
}

export type ScheduledApi = ReturnType<typeof scheduledApi>;
