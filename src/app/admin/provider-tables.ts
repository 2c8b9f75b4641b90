// Which SMS numbers would lose their national table under a provider configuration, through
// their own table or through messages still waiting that were debited with one: a provider
// change is refused while any would, so no message is ever billed with a table its provider
// cannot send (docs/admin-api.md, "SMS numbers").
import { sql } from 'kysely';
import type { NationalLanguage } from '../../db/schema.js';
import { submitCapability } from '../../providers/capabilities.js';
import type { Db } from '../context.js';

export interface NumberLosingTable {
  readonly id: string;
  readonly address: string;
  readonly nationalLanguage: NationalLanguage;
}

export async function numbersLosingTheirTable(db: Db, accountId: string, type: string, config: unknown): Promise<NumberLosingTable[]> {
  const supported = submitCapability(type, config).nationalLanguages;
  // A number's own table, and the tables its waiting messages were debited with (they are
  // submitted with those, even after the number's table was removed).
  const { rows } = await sql<{ id: string; address: string; national_language: NationalLanguage }>`
    select n.id, n.address, n.national_language from sms_numbers n
    where n.account_id = ${accountId} and n.national_language is not null
    union
    select n.id, n.address, m.national_language from messages m join sms_numbers n on n.id = m.sms_number_id
    where m.account_id = ${accountId} and m.direction = 'out' and m.status in ('queued', 'sending') and m.national_language is not null
    order by address`.execute(db);
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (supported.includes(r.national_language) || seen.has(r.id)) return [];
    seen.add(r.id);
    return [{ id: r.id, address: r.address, nationalLanguage: r.national_language }];
  });
}
