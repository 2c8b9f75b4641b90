// The supervisor's view of the conversations of their queues: the waiting and open ones, a
// transcript, and two interventions — take one (it becomes theirs; the agent who had it is
// told at once) and close one. Anything outside the scope reads as not found.
import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Actor, AppDeps, Db } from '../context.js';
import type { SupervisedConversation, TranscriptMessage } from '../../api/supervision-views.js';
import { appendEvent } from '../record.js';
import { waitingTaken } from '../take-interaction.js';
import { scopeHasQueue, supervisedInteractionFilter, supervisionScope } from './scope.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const LIMIT = 500;

/** Waiting first (longest wait first), then open ones by last activity, newest first. */
export async function supervisedConversations(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<{ conversations: SupervisedConversation[] }> {
  const scope = await supervisionScope(deps, actor);
  const rows = await deps.db
    .selectFrom('interactions as i')
    .leftJoin('queues as q', 'q.id', 'i.queue_id')
    .leftJoin('agents as a', 'a.id', 'i.agent_id')
    .leftJoin('contacts as c', (j) => j.onRef('c.account_id', '=', 'i.account_id').onRef('c.number', '=', 'i.customer_number'))
    .select(['i.id', 'i.status', 'i.queue_id', 'q.name as queue_name', 'i.customer_number', 'c.name as contact_name', 'i.agent_id', 'a.name as agent_name', 'i.created_at', 'i.updated_at'])
    .where('i.account_id', '=', actor.accountId)
    .where('i.kind', '=', 'sms')
    .where('i.status', 'in', ['waiting', 'progressing'])
    .where(supervisedInteractionFilter(scope, 'i'))
    .orderBy(sql`case when i.status = 'waiting' then 0 else 1 end`)
    .orderBy(sql`case when i.status = 'waiting' then i.created_at end`, 'asc')
    .orderBy('i.updated_at', 'desc')
    .limit(LIMIT)
    .execute();
  return {
    conversations: rows.map((r) => ({
      id: r.id,
      status: r.status === 'waiting' ? 'waiting' : 'progressing',
      queueId: r.queue_id,
      queueName: r.queue_name,
      customerNumber: r.customer_number,
      contactName: r.contact_name,
      agentId: r.agent_id,
      agentName: r.agent_name,
      createdAt: iso(r.created_at),
      lastActivityAt: iso(r.updated_at),
    })),
  };
}

async function loadSupervised(db: Db, actor: Actor, interactionId: string, lock: boolean) {
  let q = db
    .selectFrom('interactions')
    .select(['id', 'status', 'queue_id', 'agent_id', 'customer_number'])
    .where('id', '=', interactionId)
    .where('account_id', '=', actor.accountId)
    .where('kind', '=', 'sms');
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function requireInScope(deps: Pick<AppDeps, 'db'>, actor: Actor, interactionId: string) {
  const scope = await supervisionScope(deps, actor);
  const row = await loadSupervised(deps.db, actor, interactionId, false);
  if (!row || !scopeHasQueue(scope, row.queue_id)) throw new DomainError('NOT_FOUND', { field: 'id' });
  return row;
}

export async function supervisedTranscript(deps: Pick<AppDeps, 'db'>, actor: Actor, interactionId: string): Promise<{ messages: TranscriptMessage[] }> {
  await requireInScope(deps, actor, interactionId);
  const rows = await deps.db
    .selectFrom('messages as m')
    .leftJoin('agents as a', 'a.id', 'm.agent_id')
    .select(['m.id', 'm.direction', 'm.status', 'm.body', 'a.name as agent_name', 'm.created_at'])
    .where('m.interaction_id', '=', interactionId)
    .where('m.account_id', '=', actor.accountId)
    .orderBy('m.seq', 'desc')
    .limit(LIMIT)
    .execute();
  // The latest LIMIT messages, shown oldest first.
  return { messages: rows.reverse().map((r) => ({ id: r.id, direction: r.direction, status: r.status, body: r.body, agentName: r.agent_name, createdAt: iso(r.created_at) })) };
}

/**
 * Takes a waiting or open conversation of a supervised queue: it becomes the supervisor's. The
 * queue's members see a waiting one leave their list; an agent who had it open is told who took
 * it (their Banner drops it at once). No slot is reserved: an intervention is not new work the
 * supervisor's own limit should block.
 */
export async function supervisorTake(deps: AppDeps, actor: Actor, interactionId: string): Promise<{ status: 'progressing'; previousAgentId: string | null }> {
  await requireInScope(deps, actor, interactionId);
  const me = await deps.db.selectFrom('agents').select('name').where('id', '=', actor.agentId).executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const previous = await deps.db.transaction().execute(async (trx) => {
    const row = await loadSupervised(trx, actor, interactionId, true);
    if (!row) throw new DomainError('NOT_FOUND', { field: 'id' });
    if (row.status !== 'waiting' && row.status !== 'progressing') throw new DomainError('INTERACTION_NOT_PROGRESSING', { status: row.status });
    if (row.status === 'progressing' && row.agent_id === actor.agentId) return null;
    await trx.updateTable('interactions').set({ status: 'progressing', agent_id: actor.agentId, updated_at: now }).where('id', '=', row.id).execute();
    const base = { interactionId: row.id, queueId: row.queue_id, customerNumber: row.customer_number, status: 'progressing' } as const;
    await appendEvent(trx, { accountId: actor.accountId, agentId: actor.agentId, queueId: row.queue_id, type: 'interaction.taken', payload: { ...base, agentId: actor.agentId } });
    if (row.status === 'waiting' && row.queue_id) await appendEvent(trx, waitingTaken(actor.accountId, row.queue_id, row.id, actor.agentId, me.name));
    if (row.status === 'progressing' && row.agent_id) {
      await appendEvent(trx, { accountId: actor.accountId, agentId: row.agent_id, queueId: row.queue_id, type: 'interaction.taken', payload: { ...base, agentId: actor.agentId, agentName: me.name, takenFrom: row.agent_id } });
    }
    return row.agent_id;
  });
  deps.wake();
  return { status: 'progressing', previousAgentId: previous ?? null };
}

/** Closes a waiting or open conversation of a supervised queue; closing a closed one is not a refusal. */
export async function supervisorClose(deps: AppDeps, actor: Actor, interactionId: string): Promise<{ status: 'closed'; alreadyClosed: boolean }> {
  await requireInScope(deps, actor, interactionId);
  const now = deps.clock.now();
  const already = await deps.db.transaction().execute(async (trx) => {
    const row = await loadSupervised(trx, actor, interactionId, true);
    if (!row) throw new DomainError('NOT_FOUND', { field: 'id' });
    if (row.status === 'closed') return true;
    await trx.updateTable('interactions').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', row.id).execute();
    const payload = { interactionId: row.id, status: 'closed', closedBy: actor.agentId };
    if (row.agent_id) await appendEvent(trx, { accountId: actor.accountId, agentId: row.agent_id, type: 'interaction.closed', payload });
    // A waiting one leaves every member's waiting list.
    if (row.status === 'waiting' && row.queue_id) await appendEvent(trx, { accountId: actor.accountId, agentId: null, queueId: row.queue_id, type: 'interaction.closed', payload });
    return false;
  });
  deps.wake();
  return { status: 'closed', alreadyClosed: already };
}
