// The review of uncertain submissions and the account's API tokens (administrators only).
import { AdminIdParams, OffsetQuery } from '../../api/admin-schemas.js';
import { ApiTokenCreateBody, ReviewBulkDecisionBody, ReviewDecisionBody, ReviewMessageParams } from '../../api/admin-ops-schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../app/admin/api-tokens.js';
import { decideReview, decideReviewBulk, reviewList, type ReviewDeps } from '../../app/admin/review.js';
import type { AppDeps } from '../../app/context.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export function adminReviewRoutes(deps: AppDeps, review: ReviewDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/admin/review',
      access: 'admin',
      tags,
      summary: 'Messages whose submission is uncertain, waiting for a decision; the longest waiting first',
      query: withFieldErrors(OffsetQuery),
      handler: async ({ caller, query }) => reviewList(deps, agentActor(caller), query),
    }),
    route({
      method: 'POST',
      url: '/api/admin/review/:messageId/decision',
      access: 'admin',
      tags,
      summary: 'Confirm sent, abandon (refunded) or resend (only when the provider has no trace); 409 when already decided',
      params: withFieldErrors(ReviewMessageParams),
      body: withFieldErrors(ReviewDecisionBody),
      handler: async ({ caller, params, body }) => decideReview(deps, review, agentActor(caller), params.messageId, body),
    }),
    route({
      method: 'POST',
      url: '/api/admin/review/decisions',
      access: 'admin',
      tags,
      summary: 'The same decision for several messages; each answered on its own (a result or an error)',
      body: withFieldErrors(ReviewBulkDecisionBody),
      handler: async ({ caller, body }) => decideReviewBulk(deps, review, agentActor(caller), body.messageIds, body),
    }),
    route({ method: 'GET', url: '/api/admin/api-tokens', access: 'admin', tags, summary: 'The account’s API tokens (never their secrets), newest first', handler: async ({ caller }) => listApiTokens(deps, agentActor(caller)) }),
    route({
      method: 'POST',
      url: '/api/admin/api-tokens',
      access: 'admin',
      tags,
      summary: 'Creates a named, scoped API token; its secret is in this answer only',
      body: withFieldErrors(ApiTokenCreateBody),
      successStatus: 201,
      handler: async ({ caller, body }) => createApiToken(deps, agentActor(caller), body),
    }),
    route({
      method: 'POST',
      url: '/api/admin/api-tokens/:id/revoke',
      access: 'admin',
      tags,
      summary: 'Revokes a token: refused from the next request on (idempotent)',
      params: withFieldErrors(AdminIdParams),
      handler: async ({ caller, params }) => revokeApiToken(deps, agentActor(caller), params.id),
    }),
  ];
}
