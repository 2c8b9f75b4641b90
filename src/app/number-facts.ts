// What the agent should know about a recipient before writing (issue 13, "said before the agent
// writes"): whether the number opted out, the contact name the account gave it, whether the
// agent's interaction slots are full and whether the account can send at all. The send paths
// refuse all of these anyway; this only tells earlier.
import { sql } from 'kysely';
import { canStartInteraction } from '../domain/permissions/index.js';
import type { Actor, AppDeps } from './context.js';
import { optOutMatches } from './opt-out-match.js';
import type { WhoAmI } from './agent-views.js';

export interface NumberFacts {
  /** The customer asked not to receive SMS from the account (STOP or an opt-out by an administrator). */
  readonly optedOut: boolean;
  readonly optedOutAt: string | null;
  /** How: the customer's keyword, an agent on their request, an administrator, an import, the API, the configuration file. */
  readonly optedOutHow: 'keyword' | 'agent' | 'admin' | 'import' | 'api' | 'config' | null;
  /** The keyword the customer sent (a keyword opt-out), else null. */
  readonly optedOutKeyword: string | null;
  /** The name the account gave this number (contacts), or null. */
  readonly contactName: string | null;
  /** The agent's open interactions are at the profile's maximum: a Smart SMS cannot start now. */
  readonly slotFull: boolean;
  readonly openInteractions: number;
  readonly maxInteractions: number;
  /** False when the account has no SMS provider: nothing can be sent. */
  readonly providerConfigured: boolean;
}

/** The opt-out's source and keyword, read as one `source:keyword` value. */
function how(v: string | null): Pick<NumberFacts, 'optedOutHow' | 'optedOutKeyword'> {
  if (v === null) return { optedOutHow: null, optedOutKeyword: null };
  const i = v.indexOf(':');
  const source = v.slice(0, i) as NonNullable<NumberFacts['optedOutHow']>;
  return { optedOutHow: source, optedOutKeyword: source === 'keyword' ? v.slice(i + 1) : null };
}

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** One round trip: the opt-out and the contact name are read as two scalar subqueries of the account row. */
export async function numberFacts(deps: Pick<AppDeps, 'db'>, actor: Actor, me: WhoAmI, e164: string): Promise<NumberFacts> {
  const row = await deps.db
    .selectFrom('accounts')
    .select((eb) => [
      eb.selectFrom('opt_outs').select('opt_outs.opted_out_at').whereRef('opt_outs.account_id', '=', 'accounts.id').where(optOutMatches(e164)).orderBy('opt_outs.opted_out_at').limit(1).as('opted_out_at'),
      eb.selectFrom('opt_outs').select(sql<string>`opt_outs.source || ':' || opt_outs.keyword`.as('how')).whereRef('opt_outs.account_id', '=', 'accounts.id').where(optOutMatches(e164)).orderBy('opt_outs.opted_out_at').limit(1).as('opted_out_how'),
      eb.selectFrom('contacts').select('contacts.name').whereRef('contacts.account_id', '=', 'accounts.id').where('contacts.number', '=', e164).as('contact_name'),
    ])
    .where('accounts.id', '=', actor.accountId)
    .executeTakeFirst();
  const { openInteractions, maxInteractions } = me.agent.load;
  return {
    optedOut: row?.opted_out_at != null,
    optedOutAt: row?.opted_out_at != null ? iso(row.opted_out_at) : null,
    ...how(row?.opted_out_how ?? null),
    contactName: row?.contact_name ?? null,
    slotFull: !canStartInteraction(me.agent.load).ok,
    openInteractions,
    maxInteractions,
    providerConfigured: me.providerConfigured,
  };
}
