// The audit trail (GET /api/admin/audit) reads an account's administration events, newest
// first: a handful among the account's message events, which grow by the million. A partial
// index holds only those, so the page reads what it shows.
import { sql, type Kysely } from 'kysely';

export const auditIndex = {
  up: async (db: Kysely<unknown>) => {
    await sql`create index events_admin_by_account on events (account_id, id desc) where type like 'admin.%'`.execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`drop index if exists events_admin_by_account`.execute(db);
  },
};
