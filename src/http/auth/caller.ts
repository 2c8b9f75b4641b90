// Who is calling: a session cookie (agents and administrators in the Banner) or a bearer API
// token (integrations). Writes with a cookie need the session's CSRF token in a header.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import type { Access, Caller } from '../route.js';
import type { TtlCache } from '../../app/ttl-cache.js';
import { hashSecret } from '../../platform/secret-token.js';

export const SESSION_COOKIE = 'smsdesk_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionTimeouts {
  readonly idleMs: number;
  readonly absoluteMs: number;
  /**
   * Session rows seen in the last second or two, so a busy Banner does not read its session
   * for every request. Logging out here forgets it at once; on another instance within the
   * cache's delay.
   */
  readonly cache?: TtlCache<SessionRow | undefined>;
}

export type SessionRow = Awaited<ReturnType<typeof readSession>>;

function readSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .select(['sessions.id_hash', 'sessions.account_id', 'sessions.agent_id', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'agents.role', 'agents.disabled'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function resolveCaller(db: Db, req: FastifyRequest, t: SessionTimeouts): Promise<Caller | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return tokenCaller(db, auth.slice(7).trim());
  const sid = req.cookies[SESSION_COOKIE];
  if (!sid) return null;
  const now = new Date();
  const idHash = hashSecret(sid);
  const s = t.cache ? await t.cache.get(idHash, () => readSession(db, idHash)) : await readSession(db, idHash);
  if (!s || s.disabled) return null;
  if (now.getTime() - new Date(s.last_seen_at).getTime() > t.idleMs || now.getTime() - new Date(s.created_at).getTime() > t.absoluteMs) {
    await db.deleteFrom('sessions').where('id_hash', '=', s.id_hash).execute();
    t.cache?.delete(idHash);
    return null;
  }
  // Touch at most once a minute: a busy Banner must not turn every read into a write.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
    t.cache?.delete(idHash);
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', s.id_hash).execute();
  }
  return { kind: 'session', accountId: s.account_id, agentId: s.agent_id, role: s.role, scopes: [], csrfToken: s.csrf_token };
}

async function tokenCaller(db: Db, token: string): Promise<Caller | null> {
  if (token.length < 20 || token.length > 200) return null;
  // Read at every request, never cached: a revoked token is refused from the next request on.
  const t = await db.selectFrom('api_tokens').select(['id', 'account_id', 'scopes', 'last_used_at']).where('token_hash', '=', hashSecret(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!t) return null;
  // "Last used" for administrators, written at most once a minute so a busy integration does not write per call.
  if (!t.last_used_at || Date.now() - new Date(t.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', t.id).execute();
  }
  return { kind: 'token', accountId: t.account_id, agentId: null, role: null, scopes: t.scopes, csrfToken: null, tokenId: t.id };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireAccess(access: Access, caller: Caller | null, req: FastifyRequest): void {
  if (access === 'public') return;
  if (!caller) throw new DomainError('UNAUTHENTICATED');
  if (caller.kind === 'session' && !SAFE.has(req.method) && req.headers[CSRF_HEADER] !== caller.csrfToken) {
    throw new DomainError('FORBIDDEN', { reason: 'CSRF_TOKEN_MISSING_OR_WRONG' });
  }
  const ok =
    access === 'agent'
      ? caller.kind === 'session'
      : access === 'admin'
        ? caller.kind === 'session' && caller.role === 'admin'
        : access === 'supervisor'
          ? caller.kind === 'session' && (caller.role === 'admin' || caller.role === 'supervisor')
          : caller.kind === 'token' && caller.scopes.includes(access);
  if (!ok) throw new DomainError('FORBIDDEN');
}

/** The agent identity of a session caller (routes with access 'agent', 'supervisor' or 'admin'). */
export function agentActor(caller: Caller | null): { accountId: string; agentId: string } {
  if (!caller?.agentId) throw new DomainError('UNAUTHENTICATED');
  return { accountId: caller.accountId, agentId: caller.agentId };
}
