// The delivery dashboard: a supervisor (their queues) or an administrator (the account).
import { dashboard } from '../../app/dashboard/dashboard.js';
import { DashboardQuery } from '../../app/dashboard/dashboard-schema.js';
import type { AppDeps } from '../../app/context.js';
import { supervisionScope } from '../../app/supervision/scope.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

export function adminDashboardRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/admin/dashboard',
      access: 'supervisor',
      tags: ['supervision'],
      summary: 'Delivery dashboard for a period: sent and received per hour or day, delivery rate, time to delivered, failures by reason, credits per queue and agent, opt-outs, Unicode and multi-part shares',
      query: withFieldErrors(DashboardQuery),
      handler: async ({ caller, query }) => {
        const actor = agentActor(caller);
        return dashboard(deps.db, actor, query, await supervisionScope(deps, actor));
      },
    }),
  ];
}
