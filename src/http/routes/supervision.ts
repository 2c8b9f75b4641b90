// The supervisor's conversations: a supervisor (their queues) or an administrator (all).
import { AdminIdParams } from '../../api/admin-schemas.js';
import type { AppDeps } from '../../app/context.js';
import { supervisedConversations, supervisedTranscript, supervisorClose, supervisorTake } from '../../app/supervision/conversations.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';
import { adminDashboardRoutes } from './admin-dashboard.js';

const tags = ['supervision'];
const params = withFieldErrors(AdminIdParams);

export function supervisionRoutes(deps: AppDeps): RouteDef[] {
  return [
    ...adminDashboardRoutes(deps),
    route({ method: 'GET', url: '/api/admin/conversations', access: 'supervisor', tags, summary: 'Waiting and open conversations of the supervised queues (all, for an administrator)', handler: async ({ caller }) => supervisedConversations(deps, agentActor(caller)) }),
    route({ method: 'GET', url: '/api/admin/conversations/:id/messages', access: 'supervisor', tags, summary: 'A supervised conversation’s transcript, oldest first (its latest 500 messages)', params, handler: async ({ caller, params: p }) => supervisedTranscript(deps, agentActor(caller), p.id) }),
    route({ method: 'POST', url: '/api/admin/conversations/:id/take', access: 'supervisor', tags, summary: 'Takes a waiting or open supervised conversation; the agent who had it is told', params, handler: async ({ caller, params: p }) => supervisorTake(deps, agentActor(caller), p.id) }),
    route({ method: 'POST', url: '/api/admin/conversations/:id/close', access: 'supervisor', tags, summary: 'Closes a waiting or open supervised conversation', params, handler: async ({ caller, params: p }) => supervisorClose(deps, agentActor(caller), p.id) }),
  ];
}
