// The delivery dashboard: a supervisor (their queues) or an administrator (the account).
import { dashboard } from '../../app/dashboard/dashboard.js';
import { DashboardQuery } from '../../app/dashboard/dashboard-schema.js';
import type { AppDeps } from '../../app/context.js';
import { filterChoices } from '../../app/supervision/filter-choices.js';
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
    route({
      method: 'GET',
      url: '/api/admin/dashboard/filters',
      access: 'supervisor',
      tags: ['supervision'],
      summary: 'The choices of the dashboard’s and the message log’s filters: the queues, agents and SMS numbers the caller may see (a supervisor: their queues, those queues’ members and numbers)',
      handler: async ({ caller }) => {
        const actor = agentActor(caller);
        return filterChoices(deps, actor, await supervisionScope(deps, actor));
      },
    }),
  ];
}
