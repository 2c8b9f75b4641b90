// Seeds the message log's benchmark in set-based SQL (insert ... select from generate_series),
// the same statements on PostgreSQL and PGlite: one busy account (the one measured) with its
// messages over 90 days and `others` accounts sharing the tables. Texts are 5 to 12 words drawn
// from a vocabulary of ~5,000 words with a long tail (a few words in most messages, most words
// rare, as in real texts), accented French words among them, so a search reads a realistic
// share of the full-text index. Customers are drawn as floor(N * u^2) (a few write often),
// 80% French, 10% British, 10% German. 60% of messages are in conversations (queues), 40% are
// Direct SMS; 5% of outbound messages fail with a Twilio code.
// The status history's triggers are switched off while seeding (session_replication_role), so
// the seed is the messages alone: the details fall back to the recorded times.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';

export interface LogAccountPlan {
  readonly id: string;
  readonly no: number;
  readonly messages: number;
  readonly customers: number;
  readonly agents: number;
}

export const QUEUES = 8;
export const NUMBERS = 10;

/** The common words (first = most frequent), then generated ones (w00001...). */
export const COMMON_WORDS = [
  'votre', 'bonjour', 'merci', 'de', 'la', 'le', 'est', 'pour', 'vous', 'commande', 'colis', 'rendez-vous', 'demain',
  'reçu', 'livré', 'réservation', 'confirmé', 'été', 'à', 'très', 'créneau', 'numéro', 'code', 'hello', 'your', 'order',
  'is', 'ready', 'thanks', 'appointment', 'tomorrow', 'delivery', 'today', 'please', 'call', 'us', 'back', 'agence',
  'facture', 'paiement', 'reçue', 'annulé', 'modifié', 'disponible', 'retrait', 'magasin', 'horaire', 'réponse',
];
export const GENERATED_WORDS = 5000;

export const customerOf = (i: number) => (i % 10 === 8 ? `+4474${String(i).padStart(8, '0')}` : i % 10 === 9 ? `+4915${String(i).padStart(9, '0')}` : `+336${String(i).padStart(8, '0')}`);

export async function seedLogAccount(db: Kysely<Database>, p: LogAccountPlan, log: (line: string) => void): Promise<void> {
  // Each statement in its own transaction with the triggers off (seeding, not sending).
  const run = (s: string) =>
    db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql.raw(s).execute(trx);
    });
  const a = `'${p.id}'`;
  const t0 = Date.now();
  await run(`insert into accounts (id, name, provider_type) values (${a}, '${p.id}', 'twilio')`);
  await run(`insert into sms_numbers (id, account_id, address) select ${a} || '-n' || g, ${a}, '+3375${p.no.toString().padStart(3, '0')}' || lpad(g::text, 4, '0') from generate_series(0, ${NUMBERS - 1}) g`);
  await run(`insert into queues (id, account_id, name, sms_number_id) select ${a} || '-q' || g, ${a}, 'Queue ' || g, ${a} || '-n' || g from generate_series(0, ${QUEUES - 1}) g`);
  await run(`insert into agents (id, account_id, email, name, role) select ${a} || '-a' || lpad(g::text, 3, '0'), ${a}, ${a} || '-a' || g || '@bench.test', 'Agent ' || g, 'agent' from generate_series(0, ${p.agents - 1}) g`);
  await run(`insert into queue_members (queue_id, agent_id) select ${a} || '-q' || (g % ${QUEUES}), ${a} || '-a' || lpad(g::text, 3, '0') from generate_series(0, ${p.agents - 1}) g`);
  // Contact names for 30% of customers ("Client 123 Hélène" ...).
  await run(`insert into contacts (account_id, number, name)
    select ${a}, c.num, (array['Hélène', 'Jérôme', 'François', 'Zoé', 'Ana', 'Björn', 'Chloé', 'Noël'])[1 + g % 8] || ' ' || 'Client' || g
    from generate_series(0, ${p.customers - 1}) g cross join lateral (select ${customerSql('g')} as num) c where g % 10 < 3
    on conflict do nothing`);
  const conversations = Math.max(1, Math.round((p.messages * 0.6) / 8));
  await run(`insert into interactions (id, account_id, kind, status, agent_id, queue_id, customer_number, sms_number_id, created_at, updated_at, closed_at)
    select ${a} || '-i' || g, ${a}, 'sms', 'closed', ${a} || '-a' || lpad((g % ${p.agents})::text, 3, '0'), ${a} || '-q' || (g % ${QUEUES}),
      ${customerSql('c.ci')}, ${a} || '-n' || (g % ${QUEUES}), now() - interval '90 days', now(), now()
    from generate_series(0, ${conversations - 1}) g cross join lateral (select floor(${p.customers} * random() ^ 2)::int as ci where g >= 0) c`);
  log(`${p.id}: team, ${conversations.toLocaleString('en')} conversations (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  const vocab = `array[${COMMON_WORDS.map((w) => `'${w}'`).join(', ')}]`;
  const word = `case when random() < 0.55 then (${vocab})[1 + floor(${COMMON_WORDS.length} * random() ^ 2)::int]
    else 'w' || lpad(floor(${GENERATED_WORDS} * random() ^ 1.5)::int::text, 5, '0') end`;
  const chunk = 250_000;
  for (let start = 0; start < p.messages; start += chunk) {
    const end = Math.min(p.messages, start + chunk) - 1;
    await run(`insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address, body,
        encoding, units, segments, credits, provider, error_code, created_at, updated_at, sent_at, delivered_at)
      select x.id, ${a}, x.inter, x.dir, x.st, case when x.dir = 'out' then ${a} || '-a' || lpad(x.agent_no::text, 3, '0') end,
        ${a} || '-n' || x.num_no, case when x.dir = 'out' then x.num else x.cust end, case when x.dir = 'out' then x.cust else x.num end,
        x.body, 'GSM-7', length(x.body), 1, case when x.dir = 'out' then 1 else 0 end, case when x.dir = 'out' then 'twilio' end,
        case when x.st in ('failed', 'undelivered', 'rejected') then (array['30003', '30004', '30005', '30006', '30007', '30008'])[1 + x.g % 6] end,
        x.at, x.at + interval '9 s', case when x.st in ('sent', 'delivered', 'undelivered') then x.at + interval '2 s' end,
        case when x.st = 'delivered' then x.at + interval '9 s' end
      from (
        select g, ${a} || '-m' || lpad(g::text, 9, '0') as id,
          now() - interval '90 days' + interval '90 days' * (g::float8 / ${p.messages}) as at,
          case when i.smart then ${a} || '-i' || i.conv end as inter,
          case when i.smart and i.r2 < 0.45 then 'in' when not i.smart and i.r2 < 0.1 then 'in' else 'out' end as dir,
          case when i.smart and i.r2 < 0.45 or not i.smart and i.r2 < 0.1 then 'received'
            when i.r3 < 0.02 then 'failed' when i.r3 < 0.04 then 'undelivered' when i.r3 < 0.05 then 'rejected'
            when i.r3 < 0.06 then 'sent' else 'delivered' end as st,
          floor(${p.agents} * random() ^ 1.5)::int as agent_no,
          case when i.smart then i.conv % ${QUEUES} else ${QUEUES} + g % ${NUMBERS - QUEUES} end as num_no,
          '+3375${p.no.toString().padStart(3, '0')}' || lpad((case when i.smart then i.conv % ${QUEUES} else ${QUEUES} + g % ${NUMBERS - QUEUES} end)::text, 4, '0') as num,
          case when i.smart then (select c.customer_number from interactions c where c.id = ${a} || '-i' || i.conv)
            else ${customerSql('i.ci')} end as cust,
          (select string_agg(${word}, ' ') from generate_series(1, 5 + (g % 8)) w where w > -g) as body
        from generate_series(${start}, ${end}) g
        cross join lateral (select random() < 0.6 as smart, floor(${conversations} * random())::int as conv, random() as r2, random() as r3,
          floor(${p.customers} * random() ^ 2)::int as ci where g >= 0) i
      ) x`);
    log(`${p.id}: ${(end + 1).toLocaleString('en')} messages (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

function customerSql(indexExpr: string): string {
  return `(case when (${indexExpr}) % 10 = 8 then '+4474' || lpad((${indexExpr})::text, 8, '0')
    when (${indexExpr}) % 10 = 9 then '+4915' || lpad((${indexExpr})::text, 9, '0') else '+336' || lpad((${indexExpr})::text, 8, '0') end)`;
}
