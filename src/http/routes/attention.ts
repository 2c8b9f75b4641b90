// What needs the agent now: the read state of a conversation, per agent.
import { MarkReadBody } from '../../api/attention-schemas.js';
import { InteractionParams } from '../../api/schemas.js';
import type { AppDeps } from '../../app/context.js';
import { markRead } from '../../app/mark-read.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';

export function attentionRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/interactions/:id/read',
      access: 'agent',
      summary: 'Marks a conversation read up to a message (`seq`) for the signed-in agent; the mark only moves forward',
      params: InteractionParams,
      body: MarkReadBody,
      handler: async ({ params, body, caller }) => markRead(deps, agentActor(caller), params.id, body.seq),
    }),
  ];
}
