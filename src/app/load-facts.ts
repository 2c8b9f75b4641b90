// Reads the facts a send plan judges. Only reads: decisions stay in the domain.
import { sql, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { AccountFacts, QueueFacts, SenderNumber } from '../domain/messages/index.js';
import type { NationalLanguage } from '../domain/sms/index.js';
import type { Template } from '../domain/templates/index.js';
import { submitCapability } from '../providers/capabilities.js';
import type { AgentContext, AgentProfile } from './agent-profile.js';
import type { Actor, AppDeps, Db } from './context.js';
import { optedOutNumber, optOutMatches } from './opt-out-match.js';
import { storedWindow } from './sending-window-facts.js';

export type { AgentContext, AgentProfile } from './agent-profile.js';

const NATIONAL = new Set(['turkish', 'spanish', 'portuguese']);

export function toSender(row: { id: string; address: string; national_language: string | null }): SenderNumber {
  const nl = row.national_language && NATIONAL.has(row.national_language) ? (row.national_language as NationalLanguage) : null;
  return { id: row.id, address: row.address, nationalLanguage: nl };
}

/**
 * Progressing Smart SMS plus active voice calls (D3). `status in (...)` lets PostgreSQL use the
 * partial index of open interactions; the kind test then keeps the right pairs.
 */
function openInteractionsCount(from: SelectQueryBuilder<Database, 'interactions', object>, accountId: string, agentId: string) {
  return from
    .select(sql<string>`count(*)`.as('n'))
    .where('interactions.account_id', '=', accountId)
    .where('interactions.agent_id', '=', agentId)
    .where('interactions.status', 'in', ['progressing', 'active'])
    .where((eb) => eb.or([eb.and([eb('interactions.kind', '=', 'sms'), eb('interactions.status', '=', 'progressing')]), eb.and([eb('interactions.kind', '=', 'voice'), eb('interactions.status', '=', 'active')])]));
}

export async function countOpenInteractions(db: Db, accountId: string, agentId: string): Promise<number> {
  const row = await openInteractionsCount(db.selectFrom('interactions'), accountId, agentId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function queryAgentProfile(db: Db, actor: Actor): Promise<AgentProfile> {
  const agent = await db
    .selectFrom('agents')
    .leftJoin('profiles', 'profiles.id', 'agents.profile_id')
    .select((eb) => [
      'agents.id',
      'agents.account_id',
      'agents.role',
      'agents.name',
      'agents.disabled',
      'agents.profile_id',
      'profiles.messaging',
      'profiles.direct',
      'profiles.smart',
      'profiles.max_interactions',
      'profiles.authorized_countries',
      'profiles.undo_seconds',
      'profiles.sending_window',
      jsonArrayFrom(
        eb
          .selectFrom('sms_numbers')
          .innerJoin('profile_numbers', 'profile_numbers.number_id', 'sms_numbers.id')
          .select(['sms_numbers.id', 'sms_numbers.address', 'sms_numbers.national_language'])
          .whereRef('profile_numbers.profile_id', '=', 'agents.profile_id')
          .orderBy('sms_numbers.address'),
      ).as('senders'),
      jsonArrayFrom(
        eb
          .selectFrom('templates')
          .innerJoin('profile_templates', 'profile_templates.template_id', 'templates.id')
          .select(['templates.id', 'templates.name', 'templates.body', 'templates.category'])
          .whereRef('profile_templates.profile_id', '=', 'agents.profile_id')
          .orderBy('templates.name'),
      ).as('templates'),
    ])
    .where('agents.id', '=', actor.agentId)
    .where('agents.account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!agent || agent.disabled) throw new DomainError('UNAUTHENTICATED');
  return {
    agentId: agent.id,
    accountId: agent.account_id,
    profileId: agent.profile_id,
    name: agent.name,
    role: agent.role,
    // No profile means no rights: deny by default.
    permissions: { messaging: agent.messaging === true, direct: agent.direct === true, smart: agent.smart === true },
    authorizedCountries: agent.authorized_countries ?? [],
    sendingWindow: storedWindow(agent.sending_window),
    maxInteractions: agent.max_interactions ?? 0,
    undoSeconds: agent.undo_seconds ?? 0,
    senders: agent.senders.map(toSender),
    templates: agent.templates,
  };
}

const profileKey = (actor: Actor) => `${actor.accountId}/${actor.agentId}`;

/** The agent's profile, from the instance's short cache when the deps carry one. */
export function profileOf(deps: Pick<AppDeps, 'db' | 'profiles'>, actor: Actor): Promise<AgentProfile> {
  const read = () => queryAgentProfile(deps.db, actor);
  return deps.profiles ? deps.profiles.get(profileKey(actor), read) : read();
}

/** The next read of the agent's profile on this instance goes to the database (after an administrator's change). */
export function forgetProfile(deps: Pick<AppDeps, 'profiles'>, actor: Actor): void {
  deps.profiles?.delete(profileKey(actor));
}

/** The agent's profile (cached when the deps carry a cache) and their open interactions (always fresh). */
export async function loadAgent(deps: Pick<AppDeps, 'db' | 'profiles'>, actor: Actor): Promise<AgentContext> {
  const [p, open] = await Promise.all([profileOf(deps, actor), countOpenInteractions(deps.db, actor.accountId, actor.agentId)]);
  const { maxInteractions, ...rest } = p;
  return { ...rest, load: { openInteractions: open, maxInteractions } };
}

/** The account's provider and the recipient's opt-out, in one round trip. */
export async function loadAccount(db: Db, accountId: string, recipientE164: string | null): Promise<AccountFacts> {
  const account = await db
    .selectFrom('accounts')
    .select((eb) => [
      'accounts.provider_type',
      'accounts.provider_config',
      eb
        .selectFrom('opt_outs')
        .select(optedOutNumber(recipientE164).as('number'))
        .whereRef('opt_outs.account_id', '=', 'accounts.id')
        .where(optOutMatches(recipientE164))
        .limit(1)
        .as('opted_out'),
    ])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw new DomainError('NOT_FOUND', { field: 'account' });
  const opted = account.opted_out;
  return { providerType: account.provider_type, submits: submitCapability(account.provider_type, account.provider_config), isOptedOut: (n) => opted !== null && n === opted };
}

/**
 * What a send needs, in as few round trips as possible: the agent's profile (cached), and in
 * one query the account's provider, the recipient's opt-out and the agent's open
 * interactions. The balance is not read: the debit decides, inside the send transaction.
 */
export async function loadSendFacts(deps: Pick<AppDeps, 'db' | 'profiles'>, actor: Actor, recipientE164: string | null): Promise<{ agent: AgentContext; account: AccountFacts }> {
  const facts = deps.db
    .selectFrom('accounts')
    .select((eb) => [
      'accounts.provider_type',
      // In the same round trip: what the provider can submit decides how the text is billed.
      'accounts.provider_config',
      eb
        .selectFrom('opt_outs')
        .select(optedOutNumber(recipientE164).as('number'))
        .whereRef('opt_outs.account_id', '=', 'accounts.id')
        .where(optOutMatches(recipientE164))
        .limit(1)
        .as('opted_out'),
      openInteractionsCount(eb.selectFrom('interactions'), actor.accountId, actor.agentId).as('open'),
    ])
    .where('accounts.id', '=', actor.accountId)
    .executeTakeFirst();
  const [p, row] = await Promise.all([profileOf(deps, actor), facts]);
  if (!row) throw new DomainError('NOT_FOUND', { field: 'account' });
  const { maxInteractions, ...rest } = p;
  const opted = row.opted_out;
  return {
    agent: { ...rest, load: { openInteractions: Number(row.open), maxInteractions } },
    account: { providerType: row.provider_type, submits: submitCapability(row.provider_type, row.provider_config), isOptedOut: (n) => opted !== null && n === opted },
  };
}

/** A queue the agent is a member of, with its SMS number and templates; null if not theirs. */
export async function loadQueue(db: Db, actor: Actor, queueId: string): Promise<QueueFacts | null> {
  const queue = await db
    .selectFrom('queues')
    .innerJoin('queue_members', 'queue_members.queue_id', 'queues.id')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'queues.sms_number_id')
    .select(['queues.id', 'queues.sending_window', 'queues.category', 'sms_numbers.id as number_id', 'sms_numbers.address', 'sms_numbers.national_language'])
    .where('queues.id', '=', queueId)
    .where('queues.account_id', '=', actor.accountId)
    .where('queue_members.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!queue) return null;
  const templates = await loadQueueTemplates(db, queue.id);
  const smsNumber = queue.number_id && queue.address ? toSender({ id: queue.number_id, address: queue.address, national_language: queue.national_language }) : null;
  return { id: queue.id, smsNumber, templates, sendingWindow: storedWindow(queue.sending_window), category: queue.category };
}

export async function loadQueueTemplates(db: Db, queueId: string): Promise<Template[]> {
  return db
    .selectFrom('templates')
    .innerJoin('queue_templates', 'queue_templates.template_id', 'templates.id')
    .select(['templates.id', 'templates.name', 'templates.body', 'templates.category'])
    .where('queue_templates.queue_id', '=', queueId)
    .orderBy('templates.name')
    .execute();
}
