// The max-simultaneous-interactions rule (D3) checked where it cannot race: the agent's row
// is locked, so two clicks (or two instances) cannot both take the last free slot.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { canStartInteraction } from '../domain/permissions/index.js';
import type { Actor } from './context.js';
import { countOpenInteractions } from './load-facts.js';

export async function reserveSlot(trx: Transaction<Database>, actor: Actor, maxInteractions: number): Promise<void> {
  await trx.selectFrom('agents').select('id').where('id', '=', actor.agentId).forUpdate().executeTakeFirst();
  const open = await countOpenInteractions(trx, actor.accountId, actor.agentId);
  const slot = canStartInteraction({ openInteractions: open, maxInteractions });
  if (!slot.ok) throw new DomainError(slot.code, slot.details);
}

/** Takes a waiting conversation for the agent; false when someone else took it first. */
export async function takeWaiting(trx: Transaction<Database>, interactionId: string, agentId: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('interactions')
    .set({ status: 'progressing', agent_id: agentId, updated_at: now })
    .where('id', '=', interactionId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
