// What a supervisor may see: the queues they supervise. Administrators see the whole account.
// Every read of the log, the dashboard and the conversations page is narrowed by this scope.
//
// Which messages are a queue's:
// - a conversation's messages (both directions): its queue's;
// - a Direct SMS (no conversation, no queue): the queues its agent is a member of, so a
//   supervisor sees what the people of their queues send on their own;
// - an inbound reply to a Direct SMS (no conversation): the queues of the agent who sent the
//   SMS it answers (messages.in_reply_to); an inbound message that answers nothing and opened
//   no conversation sits in the unassigned inbox, for administrators only.
import { sql, type Expression, type SqlBool } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Actor, AppDeps } from '../context.js';

export type SupervisionScope = { readonly all: true } | { readonly all: false; readonly queueIds: readonly string[] };

/** Administrators: everything; supervisors: their queues (of this account); anyone else is refused. */
export async function supervisionScope(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<SupervisionScope> {
  const agent = await deps.db.selectFrom('agents').select(['role', 'disabled']).where('id', '=', actor.agentId).where('account_id', '=', actor.accountId).executeTakeFirst();
  if (!agent || agent.disabled) throw new DomainError('UNAUTHENTICATED');
  if (agent.role === 'admin') return { all: true };
  if (agent.role !== 'supervisor') throw new DomainError('FORBIDDEN');
  const rows = await deps.db
    .selectFrom('queue_supervisors')
    .innerJoin('queues', 'queues.id', 'queue_supervisors.queue_id')
    .select('queue_supervisors.queue_id')
    .where('queue_supervisors.agent_id', '=', actor.agentId)
    .where('queues.account_id', '=', actor.accountId)
    .orderBy('queue_supervisors.queue_id')
    .execute();
  return { all: false, queueIds: rows.map((r) => r.queue_id) };
}

/** True when the scope covers this queue (a conversation without a queue: administrators only). */
export function scopeHasQueue(scope: SupervisionScope, queueId: string | null): boolean {
  return scope.all || (queueId !== null && scope.queueIds.includes(queueId));
}

const inList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));

/**
 * A WHERE condition on a messages row (named `alias` in the query: `messages` or its alias),
 * true for the messages the scope covers. The account is not part of it: callers filter by
 * account as they always do. Use: `.where(supervisedMessageFilter(scope, 'm'))`.
 */
export function supervisedMessageFilter(scope: SupervisionScope, alias = 'messages'): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.queueIds.length === 0) return sql<SqlBool>`false`;
  const m = (c: string) => sql.ref(`${alias}.${c}`);
  const q = inList(scope.queueIds);
  return sql<SqlBool>`(
    (${m('interaction_id')} is not null and exists (
      select 1 from interactions sv_i where sv_i.id = ${m('interaction_id')} and sv_i.queue_id in (${q})))
    or (${m('interaction_id')} is null and ${m('agent_id')} is not null and exists (
      select 1 from queue_members sv_m where sv_m.agent_id = ${m('agent_id')} and sv_m.queue_id in (${q})))
    or (${m('interaction_id')} is null and ${m('agent_id')} is null and ${m('in_reply_to')} is not null and exists (
      select 1 from messages sv_d join queue_members sv_dm on sv_dm.agent_id = sv_d.agent_id
      where sv_d.id = ${m('in_reply_to')} and sv_dm.queue_id in (${q})))
  )`;
}

/** A WHERE condition on an interactions row (named `alias`): the conversations of the scope's queues. */
export function supervisedInteractionFilter(scope: SupervisionScope, alias = 'interactions'): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.queueIds.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(`${alias}.queue_id`)} in (${inList(scope.queueIds)})`;
}
