// The national table a message was counted and debited with, kept on the message: the
// dispatcher submits with it, so a number's table changed while its messages wait in the
// queue no longer makes them go out in more parts than were debited. Messages still waiting
// at the upgrade take their number's table, as they were counted with it.
import { sql, type Kysely } from 'kysely';

export const messageNationalTable = {
  up: async (db: Kysely<unknown>): Promise<void> => {
    await sql`alter table messages add column national_language text`.execute(db);
    await sql`
      update messages m set national_language = n.national_language
      from sms_numbers n
      where n.id = m.sms_number_id and m.direction = 'out' and m.status in ('queued', 'sending') and n.national_language is not null`.execute(db);
  },
  down: async (db: Kysely<unknown>): Promise<void> => {
    await sql`alter table messages drop column if exists national_language`.execute(db);
  },
};
