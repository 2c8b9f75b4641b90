import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCredits, creditBalance, CREDIT_BUCKETS, debitCredits } from '../../src/db/credits.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let seq = 0;

beforeAll(async () => {
  tdb = await openTestDatabase({ poolSize: 20 });
});
afterAll(async () => {
  await tdb?.close();
});

async function newAccount(credits: number): Promise<string> {
  const id = `acc-credits-${++seq}`;
  await tdb.db.insertInto('accounts').values({ id, name: id }).execute();
  if (credits > 0) await addCredits(tdb.db, id, credits, { reason: 'top-up', actor: 'test' });
  return id;
}

function debitAlone(accountId: string, amount: number, messageId: string): Promise<boolean> {
  return tdb.db.transaction().execute((trx) => debitCredits(trx, accountId, amount, { reason: 'send', messageId }));
}

async function ledgerSum(accountId: string): Promise<number> {
  const { rows } = await sql<{ s: string }>`select coalesce(sum(delta), 0)::int8 as s from credit_ledger where account_id = ${accountId}`.execute(tdb.db);
  return Number(rows[0]?.s);
}

async function bucketBalances(accountId: string): Promise<number[]> {
  const rows = await tdb.db.selectFrom('credit_buckets').select('balance').where('account_id', '=', accountId).orderBy('bucket').execute();
  return rows.map((r) => Number(r.balance));
}

describe(`credits (${TEST_DB_KIND})`, () => {
  it('spreads a top-up over the buckets and records it', async () => {
    const acc = await newAccount(100);
    const b = await bucketBalances(acc);
    expect(b).toHaveLength(CREDIT_BUCKETS);
    expect(Math.max(...b) - Math.min(...b)).toBeLessThanOrEqual(1);
    expect(await creditBalance(tdb.db, acc)).toBe(100);
    expect(await ledgerSum(acc)).toBe(100);
  });

  it('500 concurrent debits of 1 credit against 100: exactly 100 succeed, never below zero', async () => {
    const acc = await newAccount(100);
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => debitAlone(acc, 1, `m${i}`)));
    expect(results.filter(Boolean)).toHaveLength(100);
    expect(await creditBalance(tdb.db, acc)).toBe(0);
    expect(Math.min(...(await bucketBalances(acc)))).toBe(0);
    expect(await ledgerSum(acc)).toBe(0);
    const debits = await tdb.db.selectFrom('credit_ledger').select('delta').where('account_id', '=', acc).where('reason', '=', 'send').execute();
    expect(debits).toHaveLength(100);
  });

  it('concurrent multi-credit debits: the total is exact and every refusal was a real shortage', async () => {
    const acc = await newAccount(300);
    const amounts = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7) % 8));
    const results = await Promise.all(amounts.map((a, i) => debitAlone(acc, a, `mm${i}`)));
    const spent = amounts.reduce((s, a, i) => (results[i] ? s + a : s), 0);
    const failed = amounts.filter((_, i) => !results[i]);
    const left = await creditBalance(tdb.db, acc);
    expect(left).toBe(300 - spent);
    expect(left).toBeGreaterThanOrEqual(0);
    // The balance only went down, so a debit refused at some point is still unaffordable.
    if (failed.length > 0) expect(left).toBeLessThan(Math.min(...failed));
    expect(await ledgerSum(acc)).toBe(left);
  });

  it('a debit larger than any bucket consolidates the buckets', async () => {
    const acc = await newAccount(2 * CREDIT_BUCKETS);
    expect(await debitAlone(acc, 20, 'big')).toBe(true);
    expect(await creditBalance(tdb.db, acc)).toBe(2 * CREDIT_BUCKETS - 20);
    const b = await bucketBalances(acc);
    expect(Math.max(...b) - Math.min(...b)).toBeLessThanOrEqual(1);
    expect(await debitAlone(acc, 2 * CREDIT_BUCKETS - 19, 'too-big')).toBe(false);
    expect(await debitAlone(acc, 2 * CREDIT_BUCKETS - 20, 'exact')).toBe(true);
    expect(await creditBalance(tdb.db, acc)).toBe(0);
  });

  it('a debit rolled back with its transaction leaves no trace', async () => {
    const acc = await newAccount(10);
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        expect(await debitCredits(trx, acc, 4, { reason: 'send' })).toBe(true);
        throw new Error('message insert failed');
      }),
    ).rejects.toThrow('message insert failed');
    expect(await creditBalance(tdb.db, acc)).toBe(10);
    expect(await ledgerSum(acc)).toBe(10);
  });

  it('refunds and top-ups racing debits keep the ledger equal to the balance', async () => {
    const acc = await newAccount(50);
    await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => debitAlone(acc, 1 + (i % 3), `r${i}`)),
      ...Array.from({ length: 20 }, (_, i) => addCredits(tdb.db, acc, 1 + (i % 5), { reason: 'refund:rejected', messageId: `r${i}` })),
      ...Array.from({ length: 3 }, () => addCredits(tdb.db, acc, 40, { reason: 'top-up' })),
    ]);
    const left = await creditBalance(tdb.db, acc);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(await ledgerSum(acc)).toBe(left);
  });

  it('refuses a debit on an account without credits', async () => {
    const acc = await newAccount(0);
    expect(await debitAlone(acc, 1, 'none')).toBe(false);
    expect(await creditBalance(tdb.db, acc)).toBe(0);
  });
});
