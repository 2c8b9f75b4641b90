// `smsdesk token create|list|revoke`: API tokens for integrations, from a terminal (the same
// use cases as the admin pages, audited with no agent behind them).
import { parseArgs } from 'node:util';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '../api/admin-ops-schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../app/admin/api-tokens.js';
import { chooseAccount, UsageError } from '../config-file/account-choice.js';
import type { SmsdeskDatabase } from '../db/open-database.js';
import { DomainError } from '../domain/errors.js';
import { uuidV7Generator } from '../platform/system.js';

export const TOKEN_USAGE = `token create --name N --scope S [--scope S] [--account ID]
                   create an API token (scopes: ${API_TOKEN_SCOPES.join(', ')}); prints its secret once
  token list [--account ID]
                   list the account's tokens: id, name, scopes, created, last used, revoked
  token revoke <id> [--account ID]
                   revoke a token: refused from its next request on`;

function isScope(s: string): s is ApiTokenScope {
  return (API_TOKEN_SCOPES as readonly string[]).includes(s);
}

export async function runTokenCommand(database: SmsdeskDatabase, args: readonly string[], out: (line: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { name: { type: 'string' }, scope: { type: 'string', multiple: true }, account: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const deps = { db: database.db, ids: uuidV7Generator() };
  const actor = async () => ({ accountId: await chooseAccount(database.db, values.account, null), agentId: null });
  try {
    if (sub === 'create') {
      const name = values.name?.trim();
      const scopes = values.scope ?? [];
      if (!name || positionals.length > 0) throw new UsageError(`usage: ${TOKEN_USAGE.split('\n')[0]}`);
      if (scopes.length === 0) throw new UsageError(`name at least one --scope (${API_TOKEN_SCOPES.join(', ')})`);
      const unknown = scopes.filter((s) => !isScope(s));
      if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(', ')}: expected ${API_TOKEN_SCOPES.join(', ')}`);
      const created = await createApiToken(deps, await actor(), { name, scopes: scopes.filter(isScope) });
      out(`Token "${created.name}" created (id ${created.id}, scopes ${created.scopes.join(', ')}).`);
      out(`Secret (shown once, stored hashed): ${created.token}`);
      out('Send it as "Authorization: Bearer <secret>".');
      return;
    }
    if (sub === 'list') {
      if (positionals.length > 0) throw new UsageError('token list takes no argument');
      const { tokens } = await listApiTokens(deps, await actor());
      if (tokens.length === 0) return out('No API token.');
      for (const t of tokens) {
        out(`${t.id}  ${t.name}  scopes=${t.scopes.join(',')}  created=${t.createdAt}  last-used=${t.lastUsedAt ?? 'never'}${t.revokedAt ? `  revoked=${t.revokedAt}` : ''}`);
      }
      return;
    }
    if (sub === 'revoke') {
      const [id, ...extra] = positionals;
      if (id === undefined || extra.length > 0) throw new UsageError('usage: token revoke <id> [--account ID]');
      const t = await revokeApiToken(deps, await actor(), id);
      out(`Token "${t.name}" (${t.id}) revoked at ${t.revokedAt ?? ''}: it is refused from now on.`);
      return;
    }
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw new UsageError('no such token in this account');
    throw e;
  }
  throw new UsageError('expected "token create", "token list" or "token revoke <id>"');
}
