// An Idempotency-Key is completed by the send's own transaction (or statement), so "the
// message committed" and "the key holds its answer" are one fact: a crash or a lost
// connection can leave a key reserved with nothing sent, never a sent message that its key
// does not know. The write is gated by the request's attempt: a request whose lease expired
// and was taken over by a retry cannot complete the key, and its send rolls back with it.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/** The reservation a request holds (src/http/idempotency.ts takes it before the send). */
export interface KeyHold {
  readonly accountId: string;
  /** The agent, or `token:<account>` for an API token. */
  readonly owner: string;
  readonly key: string;
  /** This request's own id: the reservation is still ours while the row carries it. */
  readonly attempt: string;
  /** The route's success status, stored with the answer. */
  readonly status: number;
}

/** What a use case needs to complete the key: the hold and the route's answer for its result. */
export interface KeySeal<R> {
  readonly hold: KeyHold;
  readonly answer: (result: R) => unknown;
}

/** Thrown inside the send's transaction when a retry took the reservation over: nothing is written. */
export class KeyTakenOver extends Error {
  constructor() {
    super('the Idempotency-Key reservation was taken over by a retry');
    this.name = 'KeyTakenOver';
  }
}

const committed = new WeakSet<KeyHold>();

/** Called by the use case once the transaction that completed the key has committed. */
export function sealCommitted(hold: KeyHold | undefined): void {
  if (hold) committed.add(hold);
}

/** True when the send stored the key's answer itself: nothing is left to write. */
export function wasSealed(hold: KeyHold): boolean {
  return committed.has(hold);
}

export function sealWith<R>(hold: KeyHold | null, answer: (result: R) => unknown): KeySeal<R> | null {
  return hold ? { hold, answer } : null;
}

/** The stored answer: what a retry with the same key and body is given. */
export function storedAnswer<R>(seal: KeySeal<R>, result: R): string {
  return JSON.stringify({ status: seal.hold.status, body: seal.answer(result) });
}

/**
 * Completes the key inside the caller's transaction; run it first, so the key's row is locked
 * before anything else and a takeover waits for this transaction's outcome.
 */
export async function sealKey<R>(trx: Transaction<Database>, seal: KeySeal<R>, result: R): Promise<void> {
  const h = seal.hold;
  const r = await trx
    .updateTable('idempotency_keys')
    .set({ response: sql`${storedAnswer(seal, result)}::jsonb`, lease_until: null })
    .where('account_id', '=', h.accountId)
    .where('agent_id', '=', h.owner)
    .where('key', '=', h.key)
    .where('attempt', '=', h.attempt)
    .where('response', 'is', null)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new KeyTakenOver();
}
