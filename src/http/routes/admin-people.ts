// Profiles, queues and agents.
import { AdminIdParams, AgentCreateBody, AgentUpdateBody, ProfileCreateBody, ProfileUpdateBody, QueueCreateBody, QueueUpdateBody } from '../../api/admin-schemas.js';
import { createAgent, listAgents, resetAgentPassword, updateAgent } from '../../app/admin/agents.js';
import { createProfile, listProfiles, updateProfile } from '../../app/admin/profiles.js';
import { createQueue, listQueues, updateQueue } from '../../app/admin/queues.js';
import type { AppDeps } from '../../app/context.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];
const params = withFieldErrors(AdminIdParams);

export function adminPeopleRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({ method: 'GET', url: '/api/admin/profiles', access: 'admin', tags, summary: 'Profiles', handler: async ({ caller }) => ({ profiles: await listProfiles(deps, agentActor(caller)) }) }),
    route({ method: 'POST', url: '/api/admin/profiles', access: 'admin', tags, summary: 'Creates a profile', body: withFieldErrors(ProfileCreateBody), successStatus: 201, handler: async ({ caller, body }) => createProfile(deps, agentActor(caller), body) }),
    route({ method: 'PATCH', url: '/api/admin/profiles/:id', access: 'admin', tags, summary: 'Changes a profile (a list given replaces the whole list)', params, body: withFieldErrors(ProfileUpdateBody), handler: async ({ caller, params: p, body }) => updateProfile(deps, agentActor(caller), p.id, body) }),
    route({ method: 'GET', url: '/api/admin/queues', access: 'admin', tags, summary: 'Queues', handler: async ({ caller }) => ({ queues: await listQueues(deps, agentActor(caller)) }) }),
    route({ method: 'POST', url: '/api/admin/queues', access: 'admin', tags, summary: 'Creates a queue', body: withFieldErrors(QueueCreateBody), successStatus: 201, handler: async ({ caller, body }) => createQueue(deps, agentActor(caller), body) }),
    route({ method: 'PATCH', url: '/api/admin/queues/:id', access: 'admin', tags, summary: 'Changes a queue (a list given replaces the whole list)', params, body: withFieldErrors(QueueUpdateBody), handler: async ({ caller, params: p, body }) => updateQueue(deps, agentActor(caller), p.id, body) }),
    route({ method: 'GET', url: '/api/admin/agents', access: 'admin', tags, summary: 'Agents and administrators', handler: async ({ caller }) => ({ agents: await listAgents(deps, agentActor(caller)) }) }),
    route({ method: 'POST', url: '/api/admin/agents', access: 'admin', tags, summary: 'Creates an agent; the one-time password is returned once', body: withFieldErrors(AgentCreateBody), successStatus: 201, handler: async ({ caller, body }) => createAgent(deps, agentActor(caller), body) }),
    route({ method: 'PATCH', url: '/api/admin/agents/:id', access: 'admin', tags, summary: 'Changes an agent: name, role, profile, language, disabled', params, body: withFieldErrors(AgentUpdateBody), handler: async ({ caller, params: p, body }) => updateAgent(deps, agentActor(caller), p.id, body) }),
    route({ method: 'POST', url: '/api/admin/agents/:id/password', access: 'admin', tags, summary: 'Issues a new one-time password (returned once) and ends the agent’s sessions', params, handler: async ({ caller, params: p }) => resetAgentPassword(deps, agentActor(caller), p.id) }),
  ];
}
