// The debit as one server-side function: one round trip per debit, and PL/pgSQL exception
// blocks are subtransactions, which is what lets a failed attempt drop the row locks it took
// (see credits/debit.ts for why that matters). The SQL stays here, readable in one place.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create function smsdesk_debit_credits(p_account text, p_amount bigint, p_reason text, p_message_id text, p_actor text)
  returns boolean language plpgsql as $$
  declare
    v_bucket smallint;
    v_start int := floor(random() * 16);
    v_buckets smallint[];
    v_balances bigint[];
    v_total bigint;
    v_n int;
  begin
    if p_amount is null or p_amount <= 0 then
      raise exception 'a debit must be a positive amount, got %', p_amount;
    end if;

    -- 1. A bucket with enough credits that no other transaction holds, starting at a random
    -- one so concurrent senders spread over the rows.
    begin
      select bucket into v_bucket from credit_buckets
        where account_id = p_account and balance >= p_amount
        order by bucket < v_start, bucket
        limit 1
        for update skip locked;
      if not found then raise sqlstate 'SDB01'; end if;
      update credit_buckets set balance = balance - p_amount where account_id = p_account and bucket = v_bucket;
      insert into credit_ledger (account_id, delta, reason, message_id, actor) values (p_account, -p_amount, p_reason, p_message_id, p_actor);
      return true;
    exception when sqlstate 'SDB01' then
      -- Rows locked on the way (one updated by a committing sender in the same instant no
      -- longer qualifies, but stays locked) are released with the block.
      null;
    end;

    -- 2. Every bucket that holds enough is in another sender's transaction: wait for one. A
    -- few tries; each waits for at most one commit.
    for i in 1..3 loop
      select bucket into v_bucket from credit_buckets
        where account_id = p_account and balance >= p_amount
        order by random() limit 1;
      exit when not found;
      begin
        update credit_buckets set balance = balance - p_amount
          where account_id = p_account and bucket = v_bucket and balance >= p_amount;
        -- Drained by the sender we waited for: the row stays locked unless the block rolls back.
        if not found then raise sqlstate 'SDB01'; end if;
        insert into credit_ledger (account_id, delta, reason, message_id, actor) values (p_account, -p_amount, p_reason, p_message_id, p_actor);
        return true;
      exception when sqlstate 'SDB01' then
        null;
      end;
    end loop;

    -- 3. No single bucket is enough, the total may be: lock every bucket in bucket order (one
    -- order for every consolidator, so they queue instead of deadlocking) and spread what is
    -- left evenly, so the next debits find step 1 again. Refusing rolls the locks back.
    begin
      select array_agg(bucket order by bucket), array_agg(balance order by bucket), coalesce(sum(balance), 0)
        into v_buckets, v_balances, v_total
        from (select bucket, balance from credit_buckets where account_id = p_account order by bucket for update) locked;
      if v_total < p_amount then raise sqlstate 'SDB01'; end if;
      v_n := cardinality(v_buckets);
      update credit_buckets b
        set balance = (v_total - p_amount) / v_n + case when v.ord - 1 < (v_total - p_amount) % v_n then 1 else 0 end
        from unnest(v_buckets) with ordinality as v(bucket, ord)
        where b.account_id = p_account and b.bucket = v.bucket;
      insert into credit_ledger (account_id, delta, reason, message_id, actor) values (p_account, -p_amount, p_reason, p_message_id, p_actor);
      return true;
    exception when sqlstate 'SDB01' then
      return false;
    end;
  end
  $$`,
];

const DOWN: readonly string[] = ['drop function if exists smsdesk_debit_credits(text, bigint, text, text, text)'];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const debitFunction = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
