// A waiting conversation (a customer wrote first) taken by a member of its queue (D6).
// Taking one is starting work, so it needs a free slot like any start (D3).
import { DomainError } from '../domain/errors.js';
import { canUseMode } from '../domain/permissions/index.js';
import type { Actor, AppDeps, Db } from './context.js';
import { loadAgent } from './load-facts.js';
import { reserveSlot, takeWaiting } from './reserve-slot.js';
import { appendEvent, type EventInput } from './record.js';

export async function takeInteraction(deps: AppDeps, actor: Actor, interactionId: string): Promise<{ readonly status: 'progressing' }> {
  const agent = await loadAgent(deps, actor);
  const mode = canUseMode(agent.permissions, 'smart');
  if (!mode.ok) throw new DomainError(mode.code, mode.details);
  const row = await deps.db
    .selectFrom('interactions')
    .innerJoin('queue_members', 'queue_members.queue_id', 'interactions.queue_id')
    .select(['interactions.id', 'interactions.status', 'interactions.queue_id', 'interactions.customer_number', 'interactions.agent_id'])
    .where('interactions.id', '=', interactionId)
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms')
    .where('queue_members.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  // A second press of Take (or a retry) on a conversation the agent already has is not a refusal.
  if (row.status === 'progressing' && row.agent_id === actor.agentId) return { status: 'progressing' };
  if (row.status !== 'waiting') throw row.agent_id ? await alreadyTaken(deps.db, row.id) : new DomainError('FORBIDDEN', { reason: 'NOT_WAITING', status: row.status });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await reserveSlot(trx, actor, agent.load.maxInteractions);
    // Two agents clicked at once: the first one has it, and the other is told who.
    if (!(await takeWaiting(trx, row.id, actor.agentId, now))) throw await alreadyTaken(trx, row.id);
    const event = { interactionId: row.id, agentId: actor.agentId, queueId: row.queue_id, customerNumber: row.customer_number, status: 'progressing' } as const;
    await appendEvent(trx, { accountId: actor.accountId, agentId: actor.agentId, queueId: row.queue_id, type: 'interaction.taken', payload: event });
    if (row.queue_id) await appendEvent(trx, waitingTaken(actor.accountId, row.queue_id, row.id, actor.agentId, agent.name));
  });
  deps.wake();
  return { status: 'progressing' };
}

/**
 * The queue's side of a take: every member's waiting list drops the conversation at once, and a
 * member looking at it is told who took it (the taker's own `interaction.taken` is theirs only).
 */
export function waitingTaken(accountId: string, queueId: string, interactionId: string, agentId: string, agentName: string): EventInput {
  return { accountId, agentId: null, queueId, type: 'waiting.taken', payload: { interactionId, queueId, agentId, agentName } };
}

/** The refusal of the agent who lost the race: it names who took the conversation. */
async function alreadyTaken(db: Db, interactionId: string): Promise<DomainError> {
  const taker = await db
    .selectFrom('interactions')
    .innerJoin('agents', 'agents.id', 'interactions.agent_id')
    .select(['agents.id', 'agents.name'])
    .where('interactions.id', '=', interactionId)
    .executeTakeFirst();
  return new DomainError('ALREADY_TAKEN', { agentId: taker?.id ?? null, agentName: taker?.name ?? null });
}
