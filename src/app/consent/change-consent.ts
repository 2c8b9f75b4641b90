// One opt-out or opt-in that does not come from a keyword (those are written by the inbound
// statement): an administrator, an import, the API, the configuration file, an agent acting on
// the customer's request. The state (opt_outs) and the ledger row (consent_changes) are written
// together, after the precedence rule (domain/consent/precedence.ts) judged the current state.
import { sql } from 'kysely';
import { byCustomer, decideConsent, type ConsentSourceKind } from '../../domain/consent/index.js';
import type { Db } from '../context.js';
import { accountHashKey, optOutMatches } from '../opt-out-match.js';
import { appendEvent } from '../record.js';

export interface ConsentChangeInput {
  readonly accountId: string;
  /** E.164, or the sender as a provider gave it. */
  readonly number: string;
  readonly action: 'opt_out' | 'opt_in';
  readonly source: Exclude<ConsentSourceKind, 'keyword'>;
  /** Who acted: an agent's or administrator's id, an import's id, a token's id, the configuration file. */
  readonly actor: string | null;
  /** The reason or the agent's note; required by the callers that need one. */
  readonly note: string | null;
  /** What proves it (an import's file and row, a token's name, the customer's message). */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** The customer's message the change answers (an agent's one-click opt-out). */
  readonly messageId?: string | null;
  /** The import's keyword column, else the source's name. */
  readonly keyword?: string | null;
}

export type ConsentChangeOutcome = 'opted_out' | 'opted_in' | 'unchanged' | 'refused';

export interface ConsentChangeResult {
  readonly outcome: ConsentChangeOutcome;
  /** Set when refused: the opt-out the customer made stands. */
  readonly reason?: 'OPT_OUT_BY_CUSTOMER';
}

export async function changeConsent(db: Db, c: ConsentChangeInput): Promise<ConsentChangeResult> {
  return db.transaction().execute(async (tx) => {
    // Locks the state row when there is one; two changes of the same number then run in turn.
    // An erased customer's opt-out is kept as the number's hash (migration 0024): it counts too,
    // the customer's own first, so an import cannot lift it either.
    const current = await tx
      .selectFrom('opt_outs')
      .select(['source', 'by_customer'])
      .where('account_id', '=', c.accountId)
      .where(optOutMatches(c.number, 'opt_outs.number', accountHashKey(c.accountId)))
      .orderBy('by_customer', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    const decision = decideConsent(current ? { source: current.source, byCustomer: current.by_customer } : null, c.action, c.source);
    if (decision.outcome === 'refused') return { outcome: 'refused', reason: decision.reason };
    if (decision.outcome === 'unchanged') return { outcome: 'unchanged' };
    const customer = byCustomer(c.source);
    const keyword = c.keyword ?? c.source.toUpperCase();
    if (c.action === 'opt_out') {
      await tx
        .insertInto('opt_outs')
        .values({ account_id: c.accountId, number: c.number, keyword, source: c.source, by_customer: customer })
        .onConflict((oc) => oc.columns(['account_id', 'number']).doUpdateSet({ keyword, source: c.source, by_customer: customer, opted_out_at: sql`now()` }))
        .execute();
    } else {
      await tx.deleteFrom('opt_outs').where('account_id', '=', c.accountId).where(optOutMatches(c.number, 'opt_outs.number', accountHashKey(c.accountId))).execute();
    }
    await tx
      .insertInto('consent_changes')
      .values({
        account_id: c.accountId,
        number: c.number,
        action: c.action,
        source: c.source,
        keyword: c.keyword ?? null,
        message_id: c.messageId ?? null,
        actor: c.actor,
        note: c.note,
        evidence: JSON.stringify(c.evidence),
        by_customer: customer,
      })
      .execute();
    await appendEvent(tx, { accountId: c.accountId, agentId: null, type: 'optout.changed', payload: { number: c.number, optedOut: c.action === 'opt_out', keyword: c.keyword ?? null, interactionId: null } });
    return { outcome: c.action === 'opt_out' ? 'opted_out' : 'opted_in' };
  });
}
