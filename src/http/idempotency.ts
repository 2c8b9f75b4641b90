// Idempotency-Key on sends: the same key and body give the first answer again without a second
// message; the same key with another body is refused.
//
// The key is reserved before the send runs, with a lease: while it lasts, a retry is told 409
// REQUEST_IN_PROGRESS with Retry-After. The send completes the key in its own transaction
// (src/app/idempotency-seal.ts), so after a crash or a lost connection either the answer is
// stored (a retry gets it) or nothing was sent (once the lease has expired a retry takes the
// reservation over, in one statement so two retries cannot both take it, and sends). A request
// that outlives its lease cannot complete the key any more: its send rolls back.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../app/context.js';
import { KeyTakenOver, wasSealed, type KeyHold } from '../app/idempotency-seal.js';
import { DomainError } from '../domain/errors.js';
import { HttpRefusal } from './http-refusal.js';
import type { Caller } from './route.js';

/** A little longer than a send can take, so a live request is never taken over in practice. */
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 30_000;

interface Stored {
  readonly status: number;
  readonly body: unknown;
}

export async function withIdempotency(
  db: Db,
  caller: Caller,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: (hold: KeyHold | null) => Promise<unknown>,
  leaseMs: number = DEFAULT_IDEMPOTENCY_LEASE_MS,
): Promise<Stored> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined) return { status, body: await run(null) };
  if (key.length === 0 || key.length > 200) throw new DomainError('VALIDATION_FAILED', { field: 'Idempotency-Key', reason: 'LENGTH_1_TO_200' });
  const hold: KeyHold = { accountId: caller.accountId, owner: caller.agentId ?? `token:${caller.accountId}`, key, attempt: randomUUID(), status };
  const hash = createHash('sha256').update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`).digest('base64url');
  // A few rounds: the row can be freed or its lease expire between the claim and the look.
  for (let round = 0; round < 3; round++) {
    if (await claim(db, hold, hash, leaseMs)) return perform(db, hold, reply, run);
    const prior = await answerOf(db, hold, hash, reply);
    if (prior) return prior;
  }
  throw inProgress(reply, 1);
}

async function perform(db: Db, hold: KeyHold, reply: FastifyReply, run: (hold: KeyHold) => Promise<unknown>): Promise<Stored> {
  try {
    const body = await run(hold);
    if (wasSealed(hold)) return { status: hold.status, body };
    // A path that wrote nothing (the agent's own conversation reopened) completes the key here.
    await keyRow(db.updateTable('idempotency_keys').set({ response: sql`${JSON.stringify({ status: hold.status, body })}::jsonb`, lease_until: null }), hold)
      .where('attempt', '=', hold.attempt)
      .where('response', 'is', null)
      .execute();
    return { status: hold.status, body };
  } catch (e) {
    // A retry took the reservation over while this request ran late: answer as that retry's
    // request would (its answer, or still in progress). Nothing of this request was written.
    if (e instanceof KeyTakenOver) {
      const answer = await answerOf(db, hold, null, reply);
      if (answer) return answer;
      throw inProgress(reply, 1);
    }
    // Only a refusal is known to have sent nothing before the lease ends; after any other error
    // the key stays reserved until its lease expires, then a retry gets the answer or sends.
    if (!(e instanceof DomainError)) throw e;
    // A refusal: free the key so the agent can fix the input and retry with it.
    await keyRow(db.deleteFrom('idempotency_keys'), hold).where('attempt', '=', hold.attempt).where('response', 'is', null).execute();
    throw e;
  }
}

/** Reserves the key for this request: a new key, or one whose holder's lease has expired with nothing sent. */
async function claim(db: Db, h: KeyHold, hash: string, leaseMs: number): Promise<boolean> {
  const { rows } = await sql<{ attempt: string }>`
    insert into idempotency_keys as k (account_id, agent_id, key, request_hash, response, lease_until, attempt)
    values (${h.accountId}, ${h.owner}, ${h.key}, ${hash}, null, now() + ${leaseMs} * interval '1 millisecond', ${h.attempt})
    on conflict (account_id, agent_id, key) do update set lease_until = excluded.lease_until, attempt = excluded.attempt
      where k.response is null and (k.lease_until is null or k.lease_until < now()) and k.request_hash = excluded.request_hash
    returning attempt`.execute(db);
  return rows[0]?.attempt === h.attempt;
}

/**
 * What the key's row answers a request that does not hold it: the stored answer, 422 for another
 * body, 409 while a live request holds it; undefined when it is gone or its lease just expired.
 */
async function answerOf(db: Db, h: KeyHold, hash: string | null, reply: FastifyReply): Promise<Stored | undefined> {
  const prior = await keyRow(db.selectFrom('idempotency_keys'), h)
    .select(['request_hash', 'response', sql<number | null>`ceil(extract(epoch from lease_until - now()))::int`.as('wait_s')])
    .executeTakeFirst();
  if (!prior) return undefined;
  if (hash !== null && prior.request_hash !== hash) throw new HttpRefusal('VALIDATION_FAILED', 422, { field: 'Idempotency-Key', reason: 'KEY_REUSED_WITH_ANOTHER_BODY' });
  if (prior.response !== null) return (typeof prior.response === 'string' ? JSON.parse(prior.response) : prior.response) as Stored;
  if (prior.wait_s !== null && prior.wait_s > 0) throw inProgress(reply, prior.wait_s);
  return undefined;
}

function inProgress(reply: FastifyReply, waitS: number): HttpRefusal {
  // The error handler keeps headers set on the reply.
  void reply.header('retry-after', String(Math.max(1, waitS)));
  return new HttpRefusal('VALIDATION_FAILED', 409, { field: 'Idempotency-Key', reason: 'REQUEST_IN_PROGRESS' });
}

interface KeyFilter<Q> {
  where(column: 'account_id' | 'agent_id' | 'key', op: '=', value: string): Q;
}

function keyRow<Q extends KeyFilter<Q>>(q: Q, h: KeyHold): Q {
  return q.where('account_id', '=', h.accountId).where('agent_id', '=', h.owner).where('key', '=', h.key);
}
