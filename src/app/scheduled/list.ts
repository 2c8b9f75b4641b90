// The agent's scheduled messages: the waiting ones by time, or the last ones that ended.
import type { Actor, AppDeps } from '../context.js';
import { scheduledView, type ScheduledRow, type ScheduledView } from './scheduled-row.js';

export async function listScheduled(deps: Pick<AppDeps, 'db'>, actor: Actor, which: 'waiting' | 'ended', limit: number): Promise<ScheduledView[]> {
  const base = deps.db.selectFrom('scheduled_messages').selectAll().where('account_id', '=', actor.accountId).where('agent_id', '=', actor.agentId);
  const rows =
    which === 'waiting'
      ? await base.where('status', '=', 'scheduled').orderBy('send_at').orderBy('id').limit(limit).execute()
      : await base.where('status', '<>', 'scheduled').orderBy('ended_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => scheduledView(r as ScheduledRow));
}

export async function getScheduled(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string): Promise<ScheduledView | null> {
  const r = await deps.db
    .selectFrom('scheduled_messages')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', actor.accountId)
    .where('agent_id', '=', actor.agentId)
    .executeTakeFirst();
  return r ? scheduledView(r as ScheduledRow) : null;
}
