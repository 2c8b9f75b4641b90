// An Idempotency-Key's reservation is leased: a request that crashed or lost its connection
// holds the key for a bounded time, after which a retry takes it over. `attempt` names the
// request holding it, so a late request whose lease was taken over cannot complete it (the
// send and the key's completion commit together, see src/app/idempotency-seal.ts).
// Reservations made before this migration had no lease: they are expired at once (their send
// was not tied to the key, so nothing better can be known of them).
import { sql, type Kysely } from 'kysely';

export const idempotencyLease = {
  up: async (db: Kysely<unknown>) => {
    await sql`alter table idempotency_keys add column lease_until timestamptz null, add column attempt text null`.execute(db);
    await sql`update idempotency_keys set lease_until = created_at where response is null`.execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`alter table idempotency_keys drop column if exists attempt, drop column if exists lease_until`.execute(db);
  },
};
