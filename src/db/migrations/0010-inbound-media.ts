// Pictures and other media an inbound message carried (Twilio MMS): their count, types and the provider's links,
// kept with the message so the thread can say a picture arrived. Null when the message had none.
import { sql, type Kysely } from 'kysely';

export const inboundMedia = {
  up: async (db: Kysely<unknown>): Promise<void> => {
    await sql`alter table messages add column media jsonb`.execute(db);
  },
  down: async (db: Kysely<unknown>): Promise<void> => {
    await sql`alter table messages drop column if exists media`.execute(db);
  },
};
