// The agent's API: who am I, what may I use, send, converse, close, take.
import { myActiveCalls } from '../../app/active-calls.js';
import { directOptions, myInteractions, myQueues, queueTemplates, thread, whoAmI } from '../../app/agent-views.js';
import { closeInteraction } from '../../app/close-interaction.js';
import { numberFacts } from '../../app/number-facts.js';
import type { AppDeps } from '../../app/context.js';
import { sealWith } from '../../app/idempotency-seal.js';
import { scheduledFields, submitDirect, submitInInteraction, type Submitted } from '../../app/scheduled/submit.js';
import { startSmart, type StartedInteraction } from '../../app/start-smart.js';
import { takeInteraction } from '../../app/take-interaction.js';
import { parseRecipient } from '../../domain/phone/index.js';
import { CheckNumberQuery, InteractionParams, MeQuery, InteractionsQuery, QueueParams, SendDirectBody, SendInInteractionBody, StartSmartBody, ThreadQuery } from '../../api/schemas.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';

// A send's answer is also what its Idempotency-Key stores, inside the send's transaction.
const directAnswer = (r: Submitted) => ({ messageId: r.messageId, status: r.status, credits: r.credits, encoding: r.plan.analysis.encoding, to: r.plan.recipient.e164, mobileVerified: r.plan.recipient.mobileVerified, ...scheduledFields(r) });
const startAnswer = (r: StartedInteraction) => ({ interactionId: r.interactionId, reopened: r.reopened, customerNumber: r.plan.recipient.e164, from: r.plan.sender.address, status: 'progressing' });
const messageAnswer = (r: Submitted) => ({ messageId: r.messageId, status: r.status, credits: r.credits, encoding: r.plan.analysis.encoding, ...scheduledFields(r) });

export function agentRoutes(deps: AppDeps, sendsPerMinute = 120): RouteDef[] {
  // Per agent, not per address: a whole contact center often leaves through one NAT address.
  const SEND_LIMIT = { max: sendsPerMinute, timeWindowMs: 60_000 };
  return [
    route({
      method: 'GET',
      url: '/api/me',
      access: 'agent',
      summary: 'The signed-in agent: profile, permissions, modes, limits, credits (`fresh=1` re-reads the profile, as after a `profile.changed` event)',
      query: MeQuery,
      handler: async ({ caller, query }) => ({ ...(await whoAmI(deps, agentActor(caller), { fresh: query.fresh === '1' })), csrfToken: caller?.csrfToken ?? null }),
    }),
    route({
      method: 'GET',
      url: '/api/numbers/check',
      access: 'agent',
      summary: 'Checks a recipient number as it is typed: E.164, country, type, authorized or why not; for a valid number, what to know before writing (opted out, contact name, full interaction slots, provider)',
      query: CheckNumberQuery,
      handler: async ({ query, caller }) => {
        const me = await whoAmI(deps, agentActor(caller));
        const r = parseRecipient(query.number);
        if (!r.ok) return { valid: false, code: r.code, details: r.details ?? null };
        const authorized = me.agent.authorizedCountries.some((c) => c.toUpperCase() === r.recipient.country);
        return { valid: true, ...r.recipient, authorized, code: authorized ? null : 'COUNTRY_NOT_AUTHORIZED', ...(await numberFacts(deps, agentActor(caller), me, r.recipient.e164)) };
      },
    }),
    route({ method: 'GET', url: '/api/direct/options', access: 'agent', summary: 'Direct mode: sender numbers and templates of the profile', handler: async ({ caller }) => directOptions(deps, agentActor(caller)) }),
    route({ method: 'GET', url: '/api/queues', access: 'agent', summary: 'Smart mode: the SMS queues the agent is a member of', handler: async ({ caller }) => ({ queues: await myQueues(deps, agentActor(caller)) }) }),
    route({
      method: 'GET',
      url: '/api/queues/:id/templates',
      access: 'agent',
      summary: 'Templates associated with a queue',
      params: QueueParams,
      handler: async ({ params, caller }) => ({ templates: await queueTemplates(deps, agentActor(caller), params.id) }),
    }),
    route({
      method: 'POST',
      url: '/api/direct/messages',
      access: 'agent',
      summary: 'Sends a Direct SMS, or schedules it (`sendAt`, or the profile’s undo window: `status: scheduled`)',
      body: SendDirectBody,
      idempotent: true,
      rateLimit: SEND_LIMIT,
      successStatus: 201,
      handler: async ({ body, caller, idempotency }) => directAnswer(await submitDirect(deps, agentActor(caller), body, sealWith(idempotency, directAnswer))),
    }),
    route({
      method: 'POST',
      url: '/api/interactions',
      access: 'agent',
      summary: 'Starts a Smart SMS conversation (or reopens the open one with that customer on that number)',
      body: StartSmartBody,
      idempotent: true,
      rateLimit: SEND_LIMIT,
      successStatus: 201,
      handler: async ({ body, caller, idempotency }) => startAnswer(await startSmart(deps, agentActor(caller), body, sealWith(idempotency, startAnswer))),
    }),
    route({
      method: 'GET',
      url: '/api/interactions',
      access: 'agent',
      summary: 'The agent’s open or closed conversations, or the waiting ones of their queues',
      query: InteractionsQuery,
      handler: async ({ query, caller }) => ({ interactions: await myInteractions(deps, agentActor(caller), query.filter, query.limit, query.before) }),
    }),
    route({
      method: 'GET',
      url: '/api/interactions/:id/messages',
      access: 'agent',
      summary: 'A conversation’s thread, oldest first',
      params: InteractionParams,
      query: ThreadQuery,
      handler: async ({ params, query, caller }) => thread(deps, agentActor(caller), params.id, query.limit, { after: query.after, before: query.before, latest: query.order === 'latest' }),
    }),
    route({
      method: 'POST',
      url: '/api/interactions/:id/messages',
      access: 'agent',
      summary: 'Sends a message in a progressing conversation, or schedules it (`sendAt`, or the profile’s undo window)',
      params: InteractionParams,
      body: SendInInteractionBody,
      idempotent: true,
      rateLimit: SEND_LIMIT,
      successStatus: 201,
      handler: async ({ params, body, caller, idempotency }) =>
        messageAnswer(await submitInInteraction(deps, agentActor(caller), { interactionId: params.id, ...body }, sealWith(idempotency, messageAnswer))),
    }),
    route({
      method: 'POST',
      url: '/api/interactions/:id/close',
      access: 'agent',
      summary: 'Closes (archives) a conversation',
      params: InteractionParams,
      handler: async ({ params, caller }) => closeInteraction(deps, agentActor(caller), params.id),
    }),
    route({
      method: 'POST',
      url: '/api/interactions/:id/take',
      access: 'agent',
      summary: 'Takes a waiting conversation of one of the agent’s queues',
      params: InteractionParams,
      handler: async ({ params, caller }) => takeInteraction(deps, agentActor(caller), params.id),
    }),
    route({ method: 'GET', url: '/api/calls', access: 'agent', summary: 'The agent’s active voice calls (each offers the SMS action)', handler: async ({ caller }) => ({ calls: await myActiveCalls(deps, agentActor(caller)) }) }),
  ];
}
