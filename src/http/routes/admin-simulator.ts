// The simulator's controls and the demo voice calls: what lets a newcomer try every flow from
// the admin pages (docs/api.md, "Trying it out").
import { DemoCallBody, DemoCallParams, SimulatorBehaviourBody, SimulatorInboundBody } from '../../api/simulator-schemas.js';
import { activeCalls, endDemoCall, startDemoCall } from '../../app/admin/demo-calls.js';
import { setSimulatorBehaviour, simulateInbound, simulatorView } from '../../app/admin/simulator.js';
import type { AppDeps } from '../../app/context.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export function adminSimulatorRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/admin/simulator',
      access: 'admin',
      tags,
      summary: 'Whether the account uses the simulator, how it behaves, and the numbers a customer can write to',
      handler: async ({ caller }) => simulatorView(deps, agentActor(caller)),
    }),
    route({
      method: 'PUT',
      url: '/api/admin/simulator/behaviour',
      access: 'admin',
      tags,
      summary: 'The outcome of the next sends (delivered, undelivered, failed, rejected or random), the delay of their reports, the customer’s automatic answer',
      body: withFieldErrors(SimulatorBehaviourBody),
      handler: async ({ caller, body }) => setSimulatorBehaviour(deps, agentActor(caller), body),
    }),
    route({
      method: 'POST',
      url: '/api/admin/simulator/inbound',
      access: 'admin',
      tags,
      summary: 'A customer’s SMS from any number with any text (STOP included) to one of the account’s numbers, received as the simulator would report it',
      body: withFieldErrors(SimulatorInboundBody),
      successStatus: 201,
      handler: async ({ caller, body }) => simulateInbound(deps, agentActor(caller), body),
    }),
    route({
      method: 'GET',
      url: '/api/admin/demo-calls',
      access: 'admin',
      tags,
      summary: 'The account’s voice calls in progress',
      handler: async ({ caller }) => ({ calls: await activeCalls(deps, agentActor(caller).accountId) }),
    }),
    route({
      method: 'POST',
      url: '/api/admin/demo-calls',
      access: 'admin',
      tags,
      summary: 'Starts a voice call for an agent, as a telephony integration would report it, so that the agent can send an SMS from it',
      body: withFieldErrors(DemoCallBody),
      successStatus: 201,
      handler: async ({ caller, body }) => startDemoCall(deps, agentActor(caller), body),
    }),
    route({
      method: 'POST',
      url: '/api/admin/demo-calls/:id/end',
      access: 'admin',
      tags,
      summary: 'Ends a voice call',
      params: DemoCallParams,
      handler: async ({ caller, params }) => endDemoCall(deps, agentActor(caller), params.id),
    }),
  ];
}
