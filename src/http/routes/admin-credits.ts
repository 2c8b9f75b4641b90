// Credits: balance, top-up, signed adjustment, the ledger.
import { AdjustmentBody, PageQuery, TopUpBody } from '../../api/admin-schemas.js';
import { adjust, balance, ledger, topUp } from '../../app/admin/credits.js';
import type { AppDeps } from '../../app/context.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export function adminCreditRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({ method: 'GET', url: '/api/admin/credits', access: 'admin', tags, summary: 'The account’s credit balance', handler: async ({ caller }) => balance(deps, agentActor(caller)) }),
    route({
      method: 'POST',
      url: '/api/admin/credits/top-ups',
      access: 'admin',
      tags,
      summary: 'Adds credits',
      body: withFieldErrors(TopUpBody),
      successStatus: 201,
      handler: async ({ caller, body }) => topUp(deps, agentActor(caller), body),
    }),
    route({
      method: 'POST',
      url: '/api/admin/credits/adjustments',
      access: 'admin',
      tags,
      summary: 'Adds or removes credits, with a reason; never below zero',
      body: withFieldErrors(AdjustmentBody),
      successStatus: 201,
      handler: async ({ caller, body }) => adjust(deps, agentActor(caller), body),
    }),
    route({
      method: 'GET',
      url: '/api/admin/credits/ledger',
      access: 'admin',
      tags,
      summary: 'Credit movements, newest first: who, when, why, which message',
      query: withFieldErrors(PageQuery),
      handler: async ({ caller, query }) => ledger(deps, agentActor(caller), query),
    }),
  ];
}
