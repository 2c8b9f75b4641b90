// Idempotency-Key on sends: the same key and body give the first answer again without a second
// message; the same key with another body is refused. The key is reserved before the send
// runs, so two concurrent retries cannot both send.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../app/context.js';
import { isUniqueViolation } from '../app/retry-on-conflict.js';
import { DomainError } from '../domain/errors.js';
import { HttpRefusal } from './http-refusal.js';
import type { Caller } from './route.js';

export async function withIdempotency(db: Db, caller: Caller, req: FastifyRequest, status: number, run: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined) return { status, body: await run() };
  if (key.length === 0 || key.length > 200) throw new DomainError('VALIDATION_FAILED', { field: 'Idempotency-Key', reason: 'LENGTH_1_TO_200' });
  const owner = caller.agentId ?? `token:${caller.accountId}`;
  const hash = createHash('sha256').update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`).digest('base64url');
  try {
    await db.insertInto('idempotency_keys').values({ account_id: caller.accountId, agent_id: owner, key, request_hash: hash, response: null, created_at: new Date() }).execute();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const prior = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('account_id', '=', caller.accountId)
      .where('agent_id', '=', owner)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!prior) throw new DomainError('VALIDATION_FAILED', { field: 'Idempotency-Key', reason: 'RETRY' });
    if (prior.request_hash !== hash) throw new HttpRefusal('VALIDATION_FAILED', 422, { field: 'Idempotency-Key', reason: 'KEY_REUSED_WITH_ANOTHER_BODY' });
    if (prior.response === null) throw new HttpRefusal('VALIDATION_FAILED', 409, { field: 'Idempotency-Key', reason: 'REQUEST_IN_PROGRESS' });
    const stored = (typeof prior.response === 'string' ? JSON.parse(prior.response) : prior.response) as { status: number; body: unknown };
    return stored;
  }
  try {
    const body = await run();
    await db
      .updateTable('idempotency_keys')
      .set({ response: sql`${JSON.stringify({ status, body })}::jsonb` })
      .where('account_id', '=', caller.accountId)
      .where('agent_id', '=', owner)
      .where('key', '=', key)
      .execute();
    return { status, body };
  } catch (e) {
    // Only a refusal is known to have sent nothing; after any other error the send may have
    // committed, so the key stays reserved rather than let a retry send twice.
    if (!(e instanceof DomainError)) throw e;
    // A refusal sent nothing: free the key so the agent can fix the input and retry with it.
    await db.deleteFrom('idempotency_keys').where('account_id', '=', caller.accountId).where('agent_id', '=', owner).where('key', '=', key).execute();
    throw e;
  }
}
