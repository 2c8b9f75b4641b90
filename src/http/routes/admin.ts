// The administration API: every route needs the administrator role and works on the caller's
// account only.
import { OffsetQuery, PageQuery } from '../../api/admin-schemas.js';
import { auditTrail } from '../../app/admin/audit.js';
import { optOuts, unassignedInbox } from '../../app/admin/inbox.js';
import type { ProviderAdminDeps } from '../../app/admin/provider-deps.js';
import type { AppDeps } from '../../app/context.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';
import { adminCatalogRoutes } from './admin-catalog.js';
import { adminCreditRoutes } from './admin-credits.js';
import { adminMessageLogRoutes } from './admin-message-log.js';
import { adminNumberHealthRoutes } from './admin-number-health.js';
import { adminPeopleRoutes } from './admin-people.js';
import { adminProviderRoutes } from './admin-provider.js';
import { adminReviewRoutes } from './admin-review.js';
import { adminSimulatorRoutes } from './admin-simulator.js';
import { consentRoutes } from './consent.js';
import type { ReviewDeps } from '../../app/admin/review.js';

export type { ProviderAdminDeps } from '../../app/admin/provider-deps.js';

export function adminRoutes(deps: AppDeps, provider: ProviderAdminDeps, review: ReviewDeps = { providers: null }): RouteDef[] {
  const tags = ['admin'];
  return [
    ...adminProviderRoutes(deps, provider),
    ...adminCreditRoutes(deps),
    ...adminMessageLogRoutes(deps),
    ...adminNumberHealthRoutes(deps, provider.secretKey),
    ...adminCatalogRoutes(deps),
    ...adminPeopleRoutes(deps),
    ...adminReviewRoutes(deps, review),
    ...adminSimulatorRoutes(deps),
    ...consentRoutes(deps),
    route({ method: 'GET', url: '/api/admin/inbox', access: 'admin', tags, summary: 'Inbound messages no queue owns, newest first', query: withFieldErrors(PageQuery), handler: async ({ caller, query }) => unassignedInbox(deps, agentActor(caller), query) }),
    route({ method: 'GET', url: '/api/admin/audit', access: 'admin', tags, summary: 'Every administration change: who, when, what, before and after; newest first', query: withFieldErrors(PageQuery), handler: async ({ caller, query }) => auditTrail(deps, agentActor(caller), query) }),
    route({ method: 'GET', url: '/api/admin/opt-outs', access: 'admin', tags, summary: 'Numbers that opted out: number, keyword, date', query: withFieldErrors(OffsetQuery), handler: async ({ caller, query }) => optOuts(deps, agentActor(caller), query) }),
  ];
}
