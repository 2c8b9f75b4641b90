// The account's SMS provider: read (secrets redacted), replace, test the connection, rotate the
// webhook address token.
import { ProviderBody, ProviderTestBody, ProviderView } from '../../api/admin-schemas.js';
import type { AppDeps } from '../../app/context.js';
import type { ProviderAdminDeps } from '../../app/admin/provider-deps.js';
import { getProvider, putProvider } from '../../app/admin/provider-settings.js';
import { testProviderConnection } from '../../app/admin/provider-test.js';
import { rotateWebhookToken } from '../../app/admin/webhook-token.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { requestOrigin, withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export function adminProviderRoutes(deps: AppDeps, p: ProviderAdminDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/admin/provider',
      access: 'admin',
      tags,
      summary: 'The SMS provider: type, settings with secrets redacted, the webhook addresses to give the provider, and each type’s settings',
      response: ProviderView,
      handler: async ({ caller, req }) => getProvider(deps, p, agentActor(caller), requestOrigin(req)),
    }),
    route({
      method: 'PUT',
      url: '/api/admin/provider',
      access: 'admin',
      tags,
      summary: 'Sets the SMS provider; a secret left empty or redacted keeps the stored one',
      body: withFieldErrors(ProviderBody),
      response: ProviderView,
      handler: async ({ caller, body, req }) => putProvider(deps, p, agentActor(caller), body, requestOrigin(req)),
    }),
    route({
      method: 'POST',
      url: '/api/admin/provider/test-connection',
      access: 'admin',
      tags,
      summary: 'Tries the submitted settings (or the stored ones) without sending anything',
      body: withFieldErrors(ProviderTestBody),
      handler: async ({ caller, body, req }) => testProviderConnection(deps, p, agentActor(caller), body, requestOrigin(req)),
    }),
    route({
      method: 'POST',
      url: '/api/admin/provider/webhook-token/rotate',
      access: 'admin',
      tags,
      summary: 'Replaces the webhook address token; the previous one keeps working for 24 hours, time to update the provider’s console',
      response: ProviderView,
      handler: async ({ caller, req }) => rotateWebhookToken(deps, p, agentActor(caller), requestOrigin(req)),
    }),
  ];
}
