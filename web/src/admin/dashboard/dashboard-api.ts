// The dashboard's route (src/http/routes/admin-dashboard.ts).
import type { ApiClient } from '../../api/client';
import type { DashboardView } from '@api/dashboard-views';
import type { FilterChoices } from '@api/filter-choices-views';

export type { DashboardView } from '@api/dashboard-views';
export type { FilterChoices } from '@api/filter-choices-views';

export interface DashboardFilter {
  readonly days: number;
  readonly granularity: 'hour' | 'day';
  readonly queueId: string;
  readonly smsNumberId: string;
  readonly agentId: string;
}

export function dashboardQuery(f: DashboardFilter, now = new Date()): string {
  const to = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - f.days * 86_400_000);
  const p = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), granularity: f.granularity });
  if (f.queueId) p.set('queueId', f.queueId);
  if (f.smsNumberId) p.set('smsNumberId', f.smsNumberId);
  if (f.agentId) p.set('agentId', f.agentId);
  return `/api/admin/dashboard?${p.toString()}`;
}

export function dashboardApi(c: ApiClient) {
  return {
    dashboard: (f: DashboardFilter) => c.get<DashboardView>(dashboardQuery(f)),
    // What the caller may filter by (a supervisor: their queues, their members, their numbers).
    filterChoices: () => c.get<FilterChoices>('/api/admin/dashboard/filters'),
  };
}
