// Editing a waiting message: planned again with the same rules, and the credits difference
// debited or refunded in the transaction that changes the row. The version moves on, so a
// release that planned the old text does not send it (release.ts).
import { sql } from 'kysely';
import { addCredits, debitCredits } from '../../db/credits.js';
import { DomainError } from '../../domain/errors.js';
import { checkSendAt } from '../../domain/messages/send-at.js';
import type { Actor, AppDeps } from '../context.js';
import { insufficientCredits } from '../insufficient-credits.js';
import { appendEvent } from '../record.js';
import { notScheduled } from './cancel.js';
import { inputOf, planScheduled } from './plan-scheduled.js';
import { scheduledView, type ScheduledRow, type ScheduledView } from './scheduled-row.js';

export interface EditScheduledInput {
  readonly text?: string | undefined;
  /** null: no template; absent: unchanged. */
  readonly templateId?: string | null | undefined;
  readonly sendAt?: Date | undefined;
  /** The version the agent saw: an edit made meanwhile (another tab) is not overwritten. */
  readonly version?: number | undefined;
}

export const REFUND_EDITED = 'refund:edited';

export async function editScheduled(deps: AppDeps, actor: Actor, id: string, change: EditScheduledInput): Promise<ScheduledView> {
  const current = await deps.db
    .selectFrom('scheduled_messages')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', actor.accountId)
    .where('agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!current || current.status !== 'scheduled') throw await notScheduled(deps.db, actor, id);
  if (change.version !== undefined && change.version !== current.version) throw new DomainError('VALIDATION_FAILED', { field: 'version', reason: 'CHANGED_MEANWHILE' });
  if (change.sendAt) {
    const when = checkSendAt(change.sendAt, deps.clock.now());
    if (!when.ok) throw new DomainError(when.code, when.details);
  }
  const next = { ...current, body: change.text ?? current.body, template_id: change.templateId === undefined ? current.template_id : change.templateId };
  const plan = await planScheduled(deps, actor, inputOf(next), change.sendAt ?? new Date(current.send_at));
  const delta = plan.credits - current.credits;
  const view = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('scheduled_messages')
      .set({
        body: plan.body,
        template_id: plan.templateId,
        credits: plan.credits,
        send_at: change.sendAt ?? current.send_at,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .where('version', '=', current.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await notScheduledOrChanged(trx, actor, id);
    if (delta > 0 && !(await debitCredits(trx, actor.accountId, delta, { reason: 'send', messageId: id, actor: actor.agentId }))) {
      throw await insufficientCredits(trx, actor.accountId, delta);
    }
    if (delta < 0) await addCredits(trx, actor.accountId, -delta, { reason: REFUND_EDITED, messageId: id, actor: actor.agentId });
    const v = scheduledView(row as ScheduledRow);
    await appendEvent(trx, { accountId: actor.accountId, agentId: actor.agentId, type: 'scheduled.updated', payload: { ...v } });
    return v;
  });
  deps.wake();
  return view;
}

/** Another tab's edit won the race: refused like a stale write, the agent reloads and retries. */
async function notScheduledOrChanged(db: Parameters<typeof notScheduled>[0], actor: Actor, id: string): Promise<DomainError> {
  const e = await notScheduled(db, actor, id);
  return e.code === 'MESSAGE_NOT_SCHEDULED' && e.details?.['status'] === 'scheduled' ? new DomainError('VALIDATION_FAILED', { field: 'version', reason: 'CHANGED_MEANWHILE' }) : e;
}
