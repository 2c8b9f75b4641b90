// The agent's scheduled messages: list, edit, cancel (also Undo). docs/scheduled-sends.md.
import { EditScheduledBody, ScheduledParams, ScheduledQuery } from '../../api/scheduled-schemas.js';
import type { AppDeps } from '../../app/context.js';
import { cancelScheduled } from '../../app/scheduled/cancel.js';
import { editScheduled } from '../../app/scheduled/edit.js';
import { getScheduled, listScheduled } from '../../app/scheduled/list.js';
import { DomainError } from '../../domain/errors.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';

export function scheduledRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/scheduled-messages',
      access: 'agent',
      summary: 'The agent’s scheduled messages: waiting ones by time (`status=waiting`), or the last ones that were sent, cancelled or refused at their time (`status=ended`)',
      query: ScheduledQuery,
      handler: async ({ query, caller }) => ({ scheduled: await listScheduled(deps, agentActor(caller), query.status, query.limit) }),
    }),
    route({
      method: 'GET',
      url: '/api/scheduled-messages/:id',
      access: 'agent',
      summary: 'One of the agent’s scheduled messages, with its status (and the refusal code when it failed at its time)',
      params: ScheduledParams,
      handler: async ({ params, caller }) => {
        const v = await getScheduled(deps, agentActor(caller), params.id);
        if (!v) throw new DomainError('NOT_FOUND', { field: 'id' });
        return v;
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/scheduled-messages/:id',
      access: 'agent',
      summary: 'Edits a waiting message (text, template, time): checked again, the credits difference debited or refunded',
      params: ScheduledParams,
      body: EditScheduledBody,
      handler: async ({ params, body, caller }) =>
        editScheduled(deps, agentActor(caller), params.id, {
          text: body.text,
          templateId: body.templateId,
          sendAt: body.sendAt === undefined ? undefined : new Date(body.sendAt),
          version: body.version,
        }),
    }),
    route({
      method: 'DELETE',
      url: '/api/scheduled-messages/:id',
      access: 'agent',
      summary: 'Cancels (undoes) a waiting message and refunds its credits; 409 ALREADY_SENT once it has gone',
      params: ScheduledParams,
      handler: async ({ params, caller }) => cancelScheduled(deps, agentActor(caller), params.id),
    }),
    route({
      method: 'POST',
      url: '/api/scheduled-messages/:id/cancel',
      access: 'agent',
      summary: 'The same as DELETE, for clients that only POST (the Banner’s Undo)',
      params: ScheduledParams,
      handler: async ({ params, caller }) => cancelScheduled(deps, agentActor(caller), params.id),
    }),
  ];
}
