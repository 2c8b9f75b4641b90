// An agent's voice calls in progress, as the Banner's calls list shows them (each offers "SMS").
import type { Actor, AppDeps } from './context.js';

/** Newest first, each with the account's contact name for the caller (null when none). */
export async function myActiveCalls(deps: AppDeps, actor: Actor) {
  return deps.db
    .selectFrom('interactions')
    .leftJoin('contacts', (j) => j.onRef('contacts.account_id', '=', 'interactions.account_id').onRef('contacts.number', '=', 'interactions.customer_number'))
    .select(['interactions.id', 'interactions.customer_number as customerNumber', 'contacts.name as customerName', 'interactions.created_at as startedAt'])
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.agent_id', '=', actor.agentId)
    .where('interactions.kind', '=', 'voice')
    .where('interactions.status', '=', 'active')
    .orderBy('interactions.created_at', 'desc')
    .execute();
}
