// Closing is the agent's decision (D5); a closed interaction is read-only (archived).
import { DomainError } from '../domain/errors.js';
import type { Actor, AppDeps } from './context.js';
import { appendEvent } from './record.js';
import { loadOwnInteraction } from './send-in-interaction.js';

export async function closeInteraction(deps: AppDeps, actor: Actor, interactionId: string): Promise<{ readonly status: 'closed'; readonly alreadyClosed: boolean }> {
  const interaction = await loadOwnInteraction(deps, actor, interactionId);
  if (interaction.status === 'closed') return { status: 'closed', alreadyClosed: true };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('interactions')
      .set({ status: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', interaction.id)
      .where('status', '=', 'progressing')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('INTERACTION_NOT_PROGRESSING', { status: interaction.status });
    await appendEvent(trx, { accountId: actor.accountId, agentId: actor.agentId, type: 'interaction.closed', payload: { interactionId: interaction.id, status: 'closed' } });
  });
  deps.wake();
  return { status: 'closed', alreadyClosed: false };
}
