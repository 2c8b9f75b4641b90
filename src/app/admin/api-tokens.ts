// API tokens for integrations (the telephony integration reports calls with one). The secret
// is shown once, at creation; only its hash is stored. A revoked token is refused from the
// next request on: tokens are read from the database at every request, never cached.
import type { ApiTokenView, CreatedApiToken } from '../../api/admin-views.js';
import type { ApiTokenScope } from '../../api/admin-ops-schemas.js';
import type { Executor } from '../../db/executor.js';
import { hashSecret, newSecret } from '../../platform/secret-token.js';
import type { AppDeps } from '../context.js';
import { audit } from './audit.js';
import { notFound } from './refusals.js';

/** An administrator, or the command line (no agent: `agentId` null). */
export interface TokenActor {
  readonly accountId: string;
  readonly agentId: string | null;
}

type Row = { id: string; name: string; scopes: string[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };

function view(r: Row): ApiTokenView {
  return {
    id: r.id,
    name: r.name,
    scopes: [...r.scopes],
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  };
}

const COLUMNS = ['id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function createApiToken(deps: Pick<AppDeps, 'db' | 'ids'>, actor: TokenActor, input: { name: string; scopes: readonly ApiTokenScope[] }): Promise<CreatedApiToken> {
  const token = newSecret();
  const scopes = [...new Set(input.scopes)].sort();
  const row = await deps.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('api_tokens')
      .values({ id: deps.ids.next(), account_id: actor.accountId, name: input.name.trim(), token_hash: hashSecret(token), scopes })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await audit(trx, actor, { what: 'api_token.created', targetId: created.id, after: { name: created.name, scopes, via: actor.agentId ? 'admin' : 'cli' } });
    return created;
  });
  return { ...view(row), token };
}

/** Newest first, the revoked ones too (marked), so that the trail of a token stays visible. */
export async function listApiTokens(deps: Pick<AppDeps, 'db'>, actor: TokenActor): Promise<{ tokens: ApiTokenView[] }> {
  const rows = await deps.db.selectFrom('api_tokens').select(COLUMNS).where('account_id', '=', actor.accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return { tokens: rows.map(view) };
}

/** Idempotent: revoking a revoked token changes nothing and answers it as it is. */
export async function revokeApiToken(deps: Pick<AppDeps, 'db'>, actor: TokenActor, tokenId: string): Promise<ApiTokenView> {
  return deps.db.transaction().execute(async (trx: Executor) => {
    const current = await trx.selectFrom('api_tokens').select(COLUMNS).where('id', '=', tokenId).where('account_id', '=', actor.accountId).forUpdate().executeTakeFirst();
    if (!current) throw notFound('tokenId');
    if (current.revoked_at) return view(current);
    const revoked = await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).returning(COLUMNS).executeTakeFirstOrThrow();
    await audit(trx, actor, { what: 'api_token.revoked', targetId: tokenId, before: { name: current.name, scopes: current.scopes }, after: { revoked: true, via: actor.agentId ? 'admin' : 'cli' } });
    return view(revoked);
  });
}
