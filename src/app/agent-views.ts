// What an agent may see (D3-D7): their profile and rights, what each mode offers them, their
// interactions, the waiting ones of their queues, a thread, their active calls.
import { creditBalance } from '../db/credits.js';
import { DomainError } from '../domain/errors.js';
import { effectiveNationalLanguage } from '../domain/messages/index.js';
import type { InboundMedia } from '../domain/ports.js';
import { offeredModes, type ModeOffer } from '../domain/permissions/index.js';
import { submitCapability } from '../providers/capabilities.js';
import type { Actor, AppDeps } from './context.js';
import { forgetProfile, loadAgent, loadQueueTemplates, type AgentContext } from './load-facts.js';

export interface WhoAmI {
  readonly agent: Pick<AgentContext, 'agentId' | 'accountId' | 'name' | 'role' | 'permissions' | 'authorizedCountries' | 'load'>;
  readonly modes: ModeOffer;
  readonly credits: number;
  readonly providerConfigured: boolean;
}

export async function whoAmI(deps: AppDeps, actor: Actor, opts: { readonly fresh?: boolean } = {}): Promise<WhoAmI> {
  if (opts.fresh) forgetProfile(deps, actor);
  const agent = await loadAgent(deps, actor);
  const [credits, account] = await Promise.all([
    creditBalance(deps.db, actor.accountId),
    deps.db.selectFrom('accounts').select('provider_type').where('id', '=', actor.accountId).executeTakeFirst(),
  ]);
  const { agentId, accountId, name, role, permissions, authorizedCountries, load } = agent;
  return { agent: { agentId, accountId, name, role, permissions, authorizedCountries, load }, modes: offeredModes(permissions), credits, providerConfigured: Boolean(account?.provider_type) };
}

/**
 * Direct mode: the profile's numbers and templates. Each sender's national table is the one
 * its texts will be billed and sent with (none when the provider cannot signal it), so the
 * Banner's counter counts as the server will.
 */
export async function directOptions(deps: AppDeps, actor: Actor) {
  const [agent, account] = await Promise.all([
    loadAgent(deps, actor),
    deps.db.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', actor.accountId).executeTakeFirst(),
  ]);
  const submits = submitCapability(account?.provider_type, account?.provider_config);
  return { senders: agent.senders.map((s) => ({ ...s, nationalLanguage: effectiveNationalLanguage(s.nationalLanguage, submits) })), templates: agent.templates };
}

/** Smart mode: the SMS queues the agent is a member of, each number's national table as the provider can send it. */
export async function myQueues(deps: AppDeps, actor: Actor) {
  const rows = await deps.db
    .selectFrom('queues')
    .innerJoin('queue_members', 'queue_members.queue_id', 'queues.id')
    .innerJoin('accounts', 'accounts.id', 'queues.account_id')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'queues.sms_number_id')
    .select(['queues.id', 'queues.name', 'sms_numbers.address as smsNumber', 'sms_numbers.national_language', 'accounts.provider_type', 'accounts.provider_config'])
    .where('queues.account_id', '=', actor.accountId)
    .where('queue_members.agent_id', '=', actor.agentId)
    .orderBy('queues.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    smsNumber: r.smsNumber ?? null,
    nationalLanguage: effectiveNationalLanguage(r.national_language, submitCapability(r.provider_type, r.provider_config)),
    configured: r.smsNumber != null,
  }));
}

export async function queueTemplates(deps: AppDeps, actor: Actor, queueId: string) {
  const member = await deps.db
    .selectFrom('queue_members')
    .innerJoin('queues', 'queues.id', 'queue_members.queue_id')
    .select('queues.id')
    .where('queues.id', '=', queueId)
    .where('queues.account_id', '=', actor.accountId)
    .where('queue_members.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!member) throw new DomainError('NOT_FOUND', { field: 'queueId' });
  return loadQueueTemplates(deps.db, queueId);
}

export type InteractionFilter = 'open' | 'waiting' | 'closed';

export async function myInteractions(deps: AppDeps, actor: Actor, filter: InteractionFilter, limit = 50, before?: string) {
  let q = deps.db
    .selectFrom('interactions')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'interactions.sms_number_id')
    .select([
      'interactions.id',
      'interactions.status',
      'interactions.customer_number as customerNumber',
      'interactions.queue_id as queueId',
      'interactions.agent_id as agentId',
      'sms_numbers.address as smsNumber',
      'interactions.created_at as createdAt',
      'interactions.updated_at as updatedAt',
    ])
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms');
  if (filter === 'waiting') {
    // Waiting conversations of the agent's queues: any member may take one.
    q = q.where('interactions.status', '=', 'waiting').where('interactions.queue_id', 'in', deps.db.selectFrom('queue_members').select('queue_id').where('agent_id', '=', actor.agentId));
  } else {
    q = q.where('interactions.agent_id', '=', actor.agentId).where('interactions.status', '=', filter === 'open' ? 'progressing' : 'closed');
  }
  if (before) {
    // The list is ordered by last activity: the cursor is the (updated_at, id) of the last row seen.
    const anchor = await deps.db.selectFrom('interactions').select(['updated_at', 'id']).where('id', '=', before).where('account_id', '=', actor.accountId).executeTakeFirst();
    if (anchor) {
      q = q.where((eb) =>
        eb.or([eb('interactions.updated_at', '<', anchor.updated_at), eb.and([eb('interactions.updated_at', '=', anchor.updated_at), eb('interactions.id', '<', anchor.id)])]),
      );
    }
  }
  return q.orderBy('interactions.updated_at', 'desc').orderBy('interactions.id', 'desc').limit(Math.min(Math.max(limit, 1), 200)).execute();
}

/** The messages of one conversation, oldest first, paginated by creation order. */
export async function thread(deps: AppDeps, actor: Actor, interactionId: string, limit = 100, after?: string) {
  const interaction = await deps.db
    .selectFrom('interactions')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'interactions.sms_number_id')
    .innerJoin('accounts', 'accounts.id', 'interactions.account_id')
    .select(['interactions.id', 'interactions.status', 'interactions.agent_id', 'interactions.queue_id', 'sms_numbers.national_language', 'accounts.provider_type', 'accounts.provider_config'])
    .where('interactions.id', '=', interactionId)
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms')
    .executeTakeFirst();
  if (!interaction) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  const visible =
    interaction.agent_id === actor.agentId ||
    (interaction.status === 'waiting' &&
      interaction.queue_id !== null &&
      (await deps.db.selectFrom('queue_members').select('agent_id').where('queue_id', '=', interaction.queue_id).where('agent_id', '=', actor.agentId).executeTakeFirst()) !== undefined);
  if (!visible) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  let q = deps.db
    .selectFrom('messages')
    .select([
      'id',
      'direction',
      'status',
      'from_address as from',
      'to_address as to',
      'body',
      'encoding',
      'segments',
      'credits',
      'error_code as errorCode',
      'last_error as lastError',
      'needs_review as needsReview',
      'created_at as createdAt',
      'updated_at as updatedAt',
      'media',
    ])
    .where('account_id', '=', actor.accountId)
    .where('interaction_id', '=', interactionId);
  if (after) {
    const anchor = await deps.db.selectFrom('messages').select(['created_at', 'id']).where('id', '=', after).executeTakeFirst();
    if (anchor) q = q.where((eb) => eb.or([eb('created_at', '>', anchor.created_at), eb.and([eb('created_at', '=', anchor.created_at), eb('id', '>', anchor.id)])]));
  }
  const rows = await q.orderBy('created_at').orderBy('id').limit(Math.min(Math.max(limit, 1), 500)).execute();
  // Media (inbound MMS): the count, types and provider links; null when the message had none.
  const messages = rows.map((m) => ({ ...m, media: (m.media ?? null) as readonly InboundMedia[] | null }));
  // The Banner's counter needs the sender number's national table, as the provider can send it, to count as the server will.
  const nationalLanguage = effectiveNationalLanguage(interaction.national_language, submitCapability(interaction.provider_type, interaction.provider_config));
  return { interaction: { id: interaction.id, status: interaction.status, nationalLanguage }, messages };
}

export async function myActiveCalls(deps: AppDeps, actor: Actor) {
  return deps.db
    .selectFrom('interactions')
    .select(['id', 'customer_number as customerNumber', 'created_at as startedAt'])
    .where('account_id', '=', actor.accountId)
    .where('agent_id', '=', actor.agentId)
    .where('kind', '=', 'voice')
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .execute();
}
