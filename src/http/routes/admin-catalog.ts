// SMS numbers and templates.
import { AdminIdParams, NumberCreateBody, NumberUpdateBody, TemplateCreateBody, TemplateUpdateBody } from '../../api/admin-schemas.js';
import { createNumber, listNumbers, updateNumber } from '../../app/admin/sms-numbers.js';
import { createTemplate, getTemplate, listTemplates, updateTemplate } from '../../app/admin/templates.js';
import type { AppDeps } from '../../app/context.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];
const params = withFieldErrors(AdminIdParams);

export function adminCatalogRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({ method: 'GET', url: '/api/admin/numbers', access: 'admin', tags, summary: 'The account’s SMS numbers', handler: async ({ caller }) => ({ numbers: await listNumbers(deps, agentActor(caller)) }) }),
    route({
      method: 'POST',
      url: '/api/admin/numbers',
      access: 'admin',
      tags,
      summary: 'Adds an SMS number (E.164, short code or alphanumeric sender id)',
      body: withFieldErrors(NumberCreateBody),
      successStatus: 201,
      handler: async ({ caller, body }) => createNumber(deps, agentActor(caller), body),
    }),
    route({
      method: 'PATCH',
      url: '/api/admin/numbers/:id',
      access: 'admin',
      tags,
      summary: 'Changes an SMS number',
      params,
      body: withFieldErrors(NumberUpdateBody),
      handler: async ({ caller, params: p, body }) => updateNumber(deps, agentActor(caller), p.id, body),
    }),
    route({ method: 'GET', url: '/api/admin/templates', access: 'admin', tags, summary: 'Templates with their variables, credit analysis and users', handler: async ({ caller }) => ({ templates: await listTemplates(deps, agentActor(caller)) }) }),
    route({ method: 'GET', url: '/api/admin/templates/:id', access: 'admin', tags, summary: 'One template', params, handler: async ({ caller, params: p }) => getTemplate(deps, agentActor(caller), p.id) }),
    route({
      method: 'POST',
      url: '/api/admin/templates',
      access: 'admin',
      tags,
      summary: 'Creates a template',
      body: withFieldErrors(TemplateCreateBody),
      successStatus: 201,
      handler: async ({ caller, body }) => createTemplate(deps, agentActor(caller), body),
    }),
    route({
      method: 'PATCH',
      url: '/api/admin/templates/:id',
      access: 'admin',
      tags,
      summary: 'Changes a template',
      params,
      body: withFieldErrors(TemplateUpdateBody),
      handler: async ({ caller, params: p, body }) => updateTemplate(deps, agentActor(caller), p.id, body),
    }),
  ];
}
