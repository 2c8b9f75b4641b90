// Opt-outs from the file: numbers (E.164) the account must not write to, recorded in the consent
// ledger with source `config`. The file only adds: a number it leaves out keeps its opt-out, and
// nothing in the file lifts one, so the file can never undo an opt-out a customer made (to lift
// one, an administrator gives a reason in the pages or the administration API).
import { contactNumber } from '../domain/contacts/index.js';
import type { Change } from './change.js';
import type { ConfigFileIssue } from './issues.js';
import type { OptOutItem } from './schema.js';

export function planOptOuts(accountId: string, items: readonly OptOutItem[], optedOut: ReadonlySet<string>, issues: ConfigFileIssue[]): Change[] {
  const seen = new Map<string, number>();
  const changes: Change[] = [];
  items.forEach((item, i) => {
    const number = contactNumber(item.number);
    if (number === null) {
      issues.push({ path: `optOuts[${i}].number`, message: `"${item.number}" is not a phone number with its country code (e.g. "+33612345678")` });
      return;
    }
    if (number !== item.number) issues.push({ path: `optOuts[${i}].number`, message: `write it in E.164: "${number}"` });
    const first = seen.get(number);
    if (first !== undefined) issues.push({ path: `optOuts[${i}].number`, message: `"${number}" is already listed at optOuts[${first}]` });
    seen.set(number, first ?? i);
    if (optedOut.has(number)) return;
    const note = item.note?.trim() ? item.note.trim() : null;
    changes.push({
      section: 'optOuts',
      action: 'create',
      key: number,
      fields: [],
      run: async (trx) => {
        const done = await trx
          .insertInto('opt_outs')
          .values({ account_id: accountId, number, keyword: 'CONFIG', source: 'config', by_customer: false })
          .onConflict((oc) => oc.columns(['account_id', 'number']).doNothing())
          .returning('number')
          .executeTakeFirst();
        if (!done) return;
        await trx
          .insertInto('consent_changes')
          .values({ account_id: accountId, number, action: 'opt_out', source: 'config', keyword: null, actor: null, note, evidence: JSON.stringify({ by: 'configuration file', entry: i }), by_customer: false })
          .execute();
      },
    });
  });
  return changes;
}
