// The audit trail of administration: one event per change, written in the change's own
// transaction so the trail and the data never disagree. Agent and queue are left null and the
// type carries the `admin.` prefix: the live-stream rule shows these only to administrators.
import { sql } from 'kysely';
import type { AuditPage } from '../../api/admin-views.js';
import type { Executor } from '../../db/executor.js';
import type { Actor, AppDeps } from '../context.js';
import { appendEvent } from '../record.js';

export interface AuditEntry {
  /** e.g. 'profile.updated': stored as `admin.profile.updated`. */
  readonly what: string;
  readonly targetId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export const ADMIN_EVENT_PREFIX = 'admin.';

/** `agentId` null: a change made from the command line, by no agent. */
export async function audit(tx: Executor, actor: Pick<Actor, 'accountId'> & { readonly agentId: string | null }, e: AuditEntry): Promise<void> {
  await appendEvent(tx, {
    accountId: actor.accountId,
    agentId: null,
    queueId: null,
    type: `${ADMIN_EVENT_PREFIX}${e.what}`,
    payload: { actorId: actor.agentId, targetId: e.targetId, before: e.before ?? null, after: e.after ?? null },
  });
}

/** The account's audit trail, newest first; `before` is the `id` of the last entry of the previous page. */
export async function auditTrail(deps: Pick<AppDeps, 'db'>, actor: Actor, page: { limit: number; before?: string | undefined }): Promise<AuditPage> {
  let q = deps.db
    .selectFrom('events as e')
    .leftJoin('agents as a', (j) => j.on(sql<boolean>`a.id = e.payload->>'actorId'`).onRef('a.account_id', '=', 'e.account_id'))
    .select(['e.id', 'e.type', 'e.payload', 'e.created_at', 'a.name as actor_name'])
    .where('e.account_id', '=', actor.accountId)
    // Written as a literal so that the planner matches the partial index (migration 0006).
    .where(sql<boolean>`e.type like 'admin.%'`)
    .orderBy('e.id', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) q = q.where('e.id', '<', page.before);
  const rows = await q.execute();
  const entries = rows.map((r) => {
    const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { actorId?: string | null; targetId?: string | null; before?: unknown; after?: unknown };
    return {
      id: String(r.id),
      what: r.type.slice(ADMIN_EVENT_PREFIX.length),
      actorId: p.actorId ?? null,
      actorName: r.actor_name ?? null,
      targetId: p.targetId ?? null,
      before: p.before ?? null,
      after: p.after ?? null,
      at: new Date(r.created_at).toISOString(),
    };
  });
  return { entries, nextBefore: rows.length === page.limit ? (entries[entries.length - 1]?.id ?? null) : null };
}
