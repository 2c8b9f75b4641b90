// A waiting conversation (a customer wrote first) taken by a member of its queue (D6).
// Taking one is starting work, so it needs a free slot like any start (D3).
import { DomainError } from '../domain/errors.js';
import { canUseMode } from '../domain/permissions/index.js';
import type { Actor, AppDeps } from './context.js';
import { loadAgent } from './load-facts.js';
import { reserveSlot, takeWaiting } from './reserve-slot.js';
import { appendEvent } from './record.js';

export async function takeInteraction(deps: AppDeps, actor: Actor, interactionId: string): Promise<{ readonly status: 'progressing' }> {
  const agent = await loadAgent(deps, actor);
  const mode = canUseMode(agent.permissions, 'smart');
  if (!mode.ok) throw new DomainError(mode.code, mode.details);
  const row = await deps.db
    .selectFrom('interactions')
    .innerJoin('queue_members', 'queue_members.queue_id', 'interactions.queue_id')
    .select(['interactions.id', 'interactions.status', 'interactions.queue_id', 'interactions.customer_number'])
    .where('interactions.id', '=', interactionId)
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms')
    .where('queue_members.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  if (row.status !== 'waiting') throw new DomainError('FORBIDDEN', { reason: 'NOT_WAITING', status: row.status });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await reserveSlot(trx, actor, agent.load.maxInteractions);
    // Two agents clicked at once: the first one has it.
    if (!(await takeWaiting(trx, row.id, actor.agentId, now))) throw new DomainError('FORBIDDEN', { reason: 'ALREADY_TAKEN' });
    await appendEvent(trx, {
      accountId: actor.accountId,
      agentId: actor.agentId,
      queueId: row.queue_id,
      type: 'interaction.taken',
      payload: { interactionId: row.id, agentId: actor.agentId, queueId: row.queue_id, customerNumber: row.customer_number, status: 'progressing' },
    });
  });
  deps.wake();
  return { status: 'progressing' };
}
