// Health per SMS number: the administrator's threshold and operations webhook, each number's
// state (also for supervisors: the dashboard's banner).
import { z } from 'zod';
import { AdminIdParams } from '../../api/admin-schemas.js';
import type { AppDeps } from '../../app/context.js';
import { numberHealthRows } from '../../app/number-health/evaluate.js';
import { healthSettings, setHealthSettings, setNumberThreshold } from '../../app/number-health/settings.js';
import type { SecretKey } from '../../providers/secrets.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];
const percent = z.number().int().min(1).max(100);

export const NumberHealthSettingsBody = z
  .object({
    thresholdPercent: percent.optional(),
    minReports: z.number().int().min(1).max(100_000).optional(),
    webhookUrl: z.string().trim().min(1).max(2000).nullable().optional(),
    webhookSecret: z.string().max(500).nullable().optional(),
  })
  .strict();
export const NumberThresholdBody = z.object({ thresholdPercent: percent.nullable() }).strict();

export function adminNumberHealthRoutes(deps: AppDeps, secretKey: SecretKey | null): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/admin/number-health',
      access: 'supervisor',
      tags,
      summary: 'Every SMS number of the account: healthy or not, its final reports and failure rate over the last 15 minutes, the threshold that applies',
      handler: async ({ caller }) => ({ numbers: await numberHealthRows(deps.db, agentActor(caller).accountId) }),
    }),
    route({ method: 'GET', url: '/api/admin/number-health/settings', access: 'admin', tags, summary: 'The failure-rate threshold, the minimum of reports, the operations webhook (its secret redacted)', handler: async ({ caller }) => healthSettings(deps, agentActor(caller), secretKey) }),
    route({
      method: 'PUT',
      url: '/api/admin/number-health/settings',
      access: 'admin',
      tags,
      summary: 'Changes the threshold, the minimum of reports or the operations webhook; a secret sent back redacted (or omitted) is kept, null removes it',
      body: withFieldErrors(NumberHealthSettingsBody),
      handler: async ({ caller, body }) => setHealthSettings(deps, agentActor(caller), secretKey, body),
    }),
    route({
      method: 'PUT',
      url: '/api/admin/number-health/numbers/:id',
      access: 'admin',
      tags,
      summary: 'A number’s own failure-rate threshold (null: the account’s); answers every number as GET does',
      params: withFieldErrors(AdminIdParams),
      body: withFieldErrors(NumberThresholdBody),
      handler: async ({ caller, params, body }) => {
        const actor = agentActor(caller);
        await setNumberThreshold(deps, actor, params.id, body.thresholdPercent);
        return { numbers: await numberHealthRows(deps.db, actor.accountId) };
      },
    }),
  ];
}
