// Login and logout. A new session id at every login (no fixation); the cookie is HttpOnly,
// SameSite=Strict, Secure behind TLS; logout deletes the session server-side.
import type { FastifyReply } from 'fastify';
import type { Db } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { SESSION_COOKIE } from './caller.js';
import { logFailedLogin } from './failed-login-log.js';
import { verifyPassword } from '../../platform/password.js';
import { hashSecret, newSecret } from '../../platform/secret-token.js';

export async function login(db: Db, reply: FastifyReply, email: string, password: string, secure: boolean, absoluteMs: number) {
  const agent = await db
    .selectFrom('agents')
    .select(['id', 'account_id', 'role', 'password_hash', 'disabled', 'name', 'lang'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, agent?.password_hash ?? null);
  if (!agent || !ok || agent.disabled) {
    logFailedLogin(reply.request, email, !agent ? 'UNKNOWN_LOGIN' : !ok ? 'WRONG_PASSWORD' : 'DISABLED');
    throw new DomainError('UNAUTHENTICATED', { reason: 'BAD_CREDENTIALS' });
  }
  const sid = newSecret();
  const csrf = newSecret();
  const now = new Date();
  await db.insertInto('sessions').values({ id_hash: hashSecret(sid), account_id: agent.account_id, agent_id: agent.id, csrf_token: csrf, created_at: now, last_seen_at: now }).execute();
  void reply.setCookie(SESSION_COOKIE, sid, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: Math.floor(absoluteMs / 1000) });
  return { agentId: agent.id, accountId: agent.account_id, role: agent.role, name: agent.name, lang: agent.lang, csrfToken: csrf };
}

export async function logout(db: Db, reply: FastifyReply, sid: string | undefined, cache?: { delete(key: string): void }): Promise<{ loggedOut: true }> {
  if (sid) {
    // The row first: a read racing this delete then cannot put the session back in the cache.
    await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sid)).execute();
    cache?.delete(hashSecret(sid));
  }
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return { loggedOut: true };
}
