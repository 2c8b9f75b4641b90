// The telephony integration (API token with the `telephony` scope) reports calls (D7).
import type { AppDeps } from '../../app/context.js';
import { endCall, registerCall } from '../../app/voice-calls.js';
import { CallParams, CallStartedBody } from '../../api/schemas.js';
import { DomainError } from '../../domain/errors.js';
import { route, type RouteDef } from '../route.js';

export function telephonyRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/telephony/calls',
      access: 'telephony',
      summary: 'A call started for an agent (idempotent on callId)',
      body: CallStartedBody,
      successStatus: 201,
      handler: async ({ body, caller }) => {
        if (!caller) throw new DomainError('UNAUTHENTICATED');
        return registerCall(deps, { accountId: caller.accountId, agentId: body.agentId, externalCallId: body.callId, customerNumber: body.customerNumber });
      },
    }),
    route({
      method: 'POST',
      url: '/api/telephony/calls/:callId/end',
      access: 'telephony',
      summary: 'A call ended (idempotent)',
      params: CallParams,
      handler: async ({ params, caller }) => {
        if (!caller) throw new DomainError('UNAUTHENTICATED');
        return endCall(deps, { accountId: caller.accountId, externalCallId: params.callId });
      },
    }),
  ];
}
