// Reads the facts a send plan judges. Only reads: decisions stay in the domain.
import { sql } from 'kysely';
import { creditBalance } from '../db/credits.js';
import { DomainError } from '../domain/errors.js';
import type { AccountFacts, AgentFacts, QueueFacts, SenderNumber } from '../domain/messages/index.js';
import type { NationalLanguage } from '../domain/sms/index.js';
import type { Template } from '../domain/templates/index.js';
import type { Actor, Db } from './context.js';

export interface AgentContext extends AgentFacts {
  readonly agentId: string;
  readonly accountId: string;
  readonly profileId: string | null;
  readonly name: string;
  readonly role: 'agent' | 'admin';
  readonly senders: readonly SenderNumber[];
  readonly templates: readonly Template[];
}

const NATIONAL = new Set(['turkish', 'spanish', 'portuguese']);

export function toSender(row: { id: string; address: string; national_language: string | null }): SenderNumber {
  const nl = row.national_language && NATIONAL.has(row.national_language) ? (row.national_language as NationalLanguage) : null;
  return { id: row.id, address: row.address, nationalLanguage: nl };
}

/** Progressing Smart SMS plus active voice calls (D3). */
export async function countOpenInteractions(db: Db, accountId: string, agentId: string): Promise<number> {
  const row = await db
    .selectFrom('interactions')
    .select(sql<string>`count(*)`.as('n'))
    .where('account_id', '=', accountId)
    .where('agent_id', '=', agentId)
    .where((eb) => eb.or([eb.and([eb('kind', '=', 'sms'), eb('status', '=', 'progressing')]), eb.and([eb('kind', '=', 'voice'), eb('status', '=', 'active')])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function loadAgent(db: Db, actor: Actor): Promise<AgentContext> {
  const agent = await db
    .selectFrom('agents')
    .leftJoin('profiles', 'profiles.id', 'agents.profile_id')
    .select([
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
    ])
    .where('agents.id', '=', actor.agentId)
    .where('agents.account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!agent || agent.disabled) throw new DomainError('UNAUTHENTICATED');
  const profileId = agent.profile_id;
  const [senders, templates, open] = await Promise.all([
    profileId
      ? db
          .selectFrom('sms_numbers')
          .innerJoin('profile_numbers', 'profile_numbers.number_id', 'sms_numbers.id')
          .select(['sms_numbers.id', 'sms_numbers.address', 'sms_numbers.national_language'])
          .where('profile_numbers.profile_id', '=', profileId)
          .orderBy('sms_numbers.address')
          .execute()
      : Promise.resolve([]),
    profileId
      ? db
          .selectFrom('templates')
          .innerJoin('profile_templates', 'profile_templates.template_id', 'templates.id')
          .select(['templates.id', 'templates.name', 'templates.body'])
          .where('profile_templates.profile_id', '=', profileId)
          .orderBy('templates.name')
          .execute()
      : Promise.resolve([]),
    countOpenInteractions(db, actor.accountId, actor.agentId),
  ]);
  return {
    agentId: agent.id,
    accountId: agent.account_id,
    profileId,
    name: agent.name,
    role: agent.role === 'admin' ? 'admin' : 'agent',
    // No profile means no rights: deny by default.
    permissions: { messaging: agent.messaging === true, direct: agent.direct === true, smart: agent.smart === true },
    authorizedCountries: agent.authorized_countries ?? [],
    load: { openInteractions: open, maxInteractions: agent.max_interactions ?? 0 },
    senders: senders.map(toSender),
    templates,
  };
}

export async function loadAccount(db: Db, accountId: string, recipientE164: string | null): Promise<AccountFacts> {
  const [account, balance, optOut] = await Promise.all([
    db.selectFrom('accounts').select(['provider_type']).where('id', '=', accountId).executeTakeFirst(),
    creditBalance(db, accountId),
    recipientE164
      ? db.selectFrom('opt_outs').select('number').where('account_id', '=', accountId).where('number', '=', recipientE164).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  if (!account) throw new DomainError('NOT_FOUND', { field: 'account' });
  const opted = optOut?.number;
  return { providerType: account.provider_type, balance, isOptedOut: (n) => n === opted };
}

/** A queue the agent is a member of, with its SMS number and templates; null if not theirs. */
export async function loadQueue(db: Db, actor: Actor, queueId: string): Promise<QueueFacts | null> {
  const queue = await db
    .selectFrom('queues')
    .innerJoin('queue_members', 'queue_members.queue_id', 'queues.id')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'queues.sms_number_id')
    .select(['queues.id', 'sms_numbers.id as number_id', 'sms_numbers.address', 'sms_numbers.national_language'])
    .where('queues.id', '=', queueId)
    .where('queues.account_id', '=', actor.accountId)
    .where('queue_members.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!queue) return null;
  const templates = await loadQueueTemplates(db, queue.id);
  const smsNumber = queue.number_id && queue.address ? toSender({ id: queue.number_id, address: queue.address, national_language: queue.national_language }) : null;
  return { id: queue.id, smsNumber, templates };
}

export async function loadQueueTemplates(db: Db, queueId: string): Promise<Template[]> {
  return db
    .selectFrom('templates')
    .innerJoin('queue_templates', 'queue_templates.template_id', 'templates.id')
    .select(['templates.id', 'templates.name', 'templates.body'])
    .where('queue_templates.queue_id', '=', queueId)
    .orderBy('templates.name')
    .execute();
}
