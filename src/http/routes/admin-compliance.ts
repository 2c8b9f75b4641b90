// The right to be forgotten and the retention job, for administrators (docs/admin-api.md).
import { z } from 'zod';
import type { AppDeps } from '../../app/context.js';
import { eraseCustomer } from '../../app/compliance/erasure.js';
import { retentionView, type RetentionSetting } from '../../app/compliance/retention-view.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export const ErasureBody = z
  .object({
    number: z.string().trim().min(1).max(40),
    confirmation: z.string().trim().min(1).max(40),
  })
  .strict();

export function adminComplianceRoutes(deps: AppDeps, retention: RetentionSetting): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/admin/erasures',
      access: 'admin',
      tags,
      summary: 'Erases a customer of the account (the number typed twice): texts, names and the number removed or replaced, the opt-out kept as a keyed hash; answers what was erased',
      body: withFieldErrors(ErasureBody),
      handler: async ({ caller, body }) => eraseCustomer(deps, agentActor(caller), body),
    }),
    route({
      method: 'GET',
      url: '/api/admin/retention',
      access: 'admin',
      tags,
      summary: 'How long message texts are kept, and the last runs of the retention job with what each removed from the account',
      handler: async ({ caller }) => retentionView(deps, agentActor(caller), retention),
    }),
  ];
}
