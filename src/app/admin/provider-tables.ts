// Which SMS numbers would lose their national table under a provider configuration: a provider
// change is refused while any would, so no number is ever billed with a table its provider
// cannot send (docs/admin-api.md, "SMS numbers").
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
  const rows = await db
    .selectFrom('sms_numbers')
    .select(['id', 'address', 'national_language'])
    .where('account_id', '=', accountId)
    .where('national_language', 'is not', null)
    .orderBy('address')
    .execute();
  return rows.flatMap((r) => (r.national_language !== null && !supported.includes(r.national_language) ? [{ id: r.id, address: r.address, nationalLanguage: r.national_language }] : []));
}
