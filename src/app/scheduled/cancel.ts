// Cancel (and Undo): one conditional update, so against the release, which moves the row only
// while it is still `scheduled`, exactly one of the two wins; the loser is told which.
import { sql } from 'kysely';
import { addCredits } from '../../db/credits.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { appendEvent } from '../record.js';
import { scheduledView, type ScheduledRow, type ScheduledView } from './scheduled-row.js';

export const REFUND_CANCELLED = 'refund:cancelled';

export async function cancelScheduled(deps: AppDeps, actor: Actor, id: string): Promise<ScheduledView> {
  const view = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('scheduled_messages')
      .set({ status: 'cancelled', ended_at: sql`now()`, updated_at: sql`now()`, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('account_id', '=', actor.accountId)
      .where('agent_id', '=', actor.agentId)
      .where('status', '=', 'scheduled')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await notScheduled(trx, actor, id);
    if (row.credits > 0) await addCredits(trx, actor.accountId, row.credits, { reason: REFUND_CANCELLED, messageId: id, actor: actor.agentId });
    const v = scheduledView(row as ScheduledRow);
    await appendEvent(trx, { accountId: actor.accountId, agentId: actor.agentId, type: 'scheduled.cancelled', payload: { ...v } });
    return v;
  });
  deps.wake();
  return view;
}

/** Why a row of this agent can no longer be cancelled or edited: gone (NOT_FOUND), sent, or ended otherwise. */
export async function notScheduled(db: Db, actor: Actor, id: string): Promise<DomainError> {
  const r = await db
    .selectFrom('scheduled_messages')
    .select('status')
    .where('id', '=', id)
    .where('account_id', '=', actor.accountId)
    .where('agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!r) return new DomainError('NOT_FOUND', { field: 'id' });
  if (r.status === 'sent') return new DomainError('ALREADY_SENT', { messageId: id, status: r.status });
  return new DomainError('MESSAGE_NOT_SCHEDULED', { messageId: id, status: r.status });
}
