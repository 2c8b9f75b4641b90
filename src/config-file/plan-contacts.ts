// Contact names from the file: keyed by number (written in E.164, checked as the API checks it).
// A contact the file leaves out is kept, like every other section's rows; the file sets who
// wrote it to nobody (updated_by null): it was the configuration, not an agent.
import { cleanContactName, contactNumber } from '../domain/contacts/index.js';
import type { Change } from './change.js';
import type { ConfigFileIssue } from './issues.js';
import type { ContactItem } from './schema.js';
import type { ContactRow } from './state.js';

const WHY: Record<string, string> = {
  NAME_TOO_LONG: 'is longer than 120 characters',
  NAME_CONTROL_CHARACTER: 'holds a control character (a line break, a tab...)',
};

export function planContacts(accountId: string, items: readonly ContactItem[], rows: readonly ContactRow[], issues: ConfigFileIssue[]): Change[] {
  const current = new Map(rows.map((r) => [r.number, r.name]));
  const seen = new Map<string, number>();
  const changes: Change[] = [];
  items.forEach((item, i) => {
    const number = contactNumber(item.number);
    if (number === null) {
      issues.push({ path: `contacts[${i}].number`, message: `"${item.number}" is not a phone number with its country code (e.g. "+33612345678")` });
      return;
    }
    if (number !== item.number) issues.push({ path: `contacts[${i}].number`, message: `write it in E.164: "${number}"` });
    const first = seen.get(number);
    if (first !== undefined) issues.push({ path: `contacts[${i}].number`, message: `"${number}" is already named at contacts[${first}]` });
    seen.set(number, first ?? i);
    const name = cleanContactName(item.name);
    if (!name.ok) {
      issues.push({ path: `contacts[${i}].name`, message: WHY[name.reason] ?? name.reason });
      return;
    }
    if (name.name === null) {
      issues.push({ path: `contacts[${i}].name`, message: 'is empty' });
      return;
    }
    const before = current.get(number);
    if (before === name.name) return;
    const value = name.name;
    changes.push({
      section: 'contacts',
      action: before === undefined ? 'create' : 'update',
      key: number,
      fields: before === undefined ? [] : ['name'],
      run: async (trx) => {
        await trx
          .insertInto('contacts')
          .values({ account_id: accountId, number, name: value, updated_by: null })
          .onConflict((oc) => oc.columns(['account_id', 'number']).doUpdateSet({ name: value, updated_by: null, updated_at: new Date() }))
          .execute();
      },
    });
  });
  return changes;
}
